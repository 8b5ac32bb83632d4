// The VFP instruction handlers (ARMv7-A ARM A7.5 data processing, A7.6 extension register
// load/store, A7.8/A7.9 register transfers), shared by A32 and T32 (see arm_a_core.h), and
// the register-number decoding they share.
#pragma once

#include <cstdint>

#include "cores/arm/a32_handlers.h"

namespace anvil::arm::vfp_detail {

// Sd = Vd:D, Dd = D:Vd (A7.3 "Register encoding"); the same for N and M.
constexpr unsigned single_reg(unsigned v, unsigned extra) {
  return (v << 1) | extra;
}
constexpr unsigned double_reg(unsigned v, unsigned extra) {
  return (extra << 4) | v;
}
constexpr bool is_double(std::uint32_t insn) {
  return (insn >> 8) & 1;
}
constexpr unsigned reg_d(std::uint32_t insn, bool dbl) {
  return dbl ? double_reg((insn >> 12) & 0xF, (insn >> 22) & 1)
             : single_reg((insn >> 12) & 0xF, (insn >> 22) & 1);
}
constexpr unsigned reg_n(std::uint32_t insn, bool dbl) {
  return dbl ? double_reg((insn >> 16) & 0xF, (insn >> 7) & 1)
             : single_reg((insn >> 16) & 0xF, (insn >> 7) & 1);
}
constexpr unsigned reg_m(std::uint32_t insn, bool dbl) {
  return dbl ? double_reg(insn & 0xF, (insn >> 5) & 1) : single_reg(insn & 0xF, (insn >> 5) & 1);
}

// The VFP checks every handler starts with: enabled (CPACR, FPEXC.EN) and the D registers
// named exist (VFPv2/VFPv3-D16 have 16). Null when the instruction is UNDEFINED (raised).
ArmA* usable(ArmCpu& cpu, std::uint32_t insn, bool uses_n = true);

}  // namespace anvil::arm::vfp_detail

namespace anvil::arm {

// vfp_data_processing.cpp
void vfp_multiply_accumulate(ArmCpu& cpu, std::uint32_t insn);   // VMLA VMLS VNMLA VNMLS
void vfp_fused(ArmCpu& cpu, std::uint32_t insn);                 // VFMA VFMS VFNMA VFNMS
void vfp_arithmetic(ArmCpu& cpu, std::uint32_t insn);            // VMUL VNMUL VADD VSUB VDIV
void vfp_move_immediate(ArmCpu& cpu, std::uint32_t insn);        // VMOV #imm (VFPv3)
void vfp_unary(ArmCpu& cpu, std::uint32_t insn);                 // VMOV VABS VNEG VSQRT
void vfp_compare(ArmCpu& cpu, std::uint32_t insn);               // VCMP VCMPE (reg, #0)
void vfp_convert_precision(ArmCpu& cpu, std::uint32_t insn);     // VCVT.F64.F32 / .F32.F64
void vfp_convert_from_integer(ArmCpu& cpu, std::uint32_t insn);  // VCVT.F32/F64.S32/U32
void vfp_convert_to_integer(ArmCpu& cpu, std::uint32_t insn);    // VCVT{R}.S32/U32.F32/F64
void vfp_convert_fixed(ArmCpu& cpu, std::uint32_t insn);         // VCVT fixed-point (VFPv3)

// vfp_transfers.cpp
void vfp_load_store(ArmCpu& cpu, std::uint32_t insn);           // VLDR VSTR
void vfp_load_store_multiple(ArmCpu& cpu, std::uint32_t insn);  // VLDM VSTM VPUSH VPOP
void vfp_move_single(ArmCpu& cpu, std::uint32_t insn);          // VMOV Sn <-> Rt
void vfp_move_scalar(ArmCpu& cpu, std::uint32_t insn);          // VMOV Dd[x] <-> Rt (32-bit)
void vfp_move_two_singles(ArmCpu& cpu, std::uint32_t insn);     // VMOV Sm, Sm1 <-> Rt, Rt2
void vfp_move_double(ArmCpu& cpu, std::uint32_t insn);          // VMOV Dm <-> Rt, Rt2
void vfp_VMRS(ArmCpu& cpu, std::uint32_t insn);
void vfp_VMSR(ArmCpu& cpu, std::uint32_t insn);

}  // namespace anvil::arm
