// The FPU's general operations by opmode (FPU UM 4.2, PRM 5.1 and 5.2; 68040 UM 9.x for
// the FSxxx/FDxxx forms): given the source and destination operands as extended values,
// the result, its exception bits, condition codes and the quotient byte.
#pragma once

#include <cstdint>

#include "cores/m68k/m68k_fpu_float.h"

namespace anvil::m68k {

// Opmodes (command word bits 6-0) the handlers treat specially.
enum FpuOpmode : std::uint8_t {
  kOpMove = 0x00,
  kOpSinCosFirst = 0x30,  // FSINCOS: 0x30-0x37, the cosine's register in bits 2-0
  kOpSinCosLast = 0x37,
  kOpCompare = 0x38,
  kOpTest = 0x3A,
};

struct OperationResult {
  Extended80 value;
  std::uint32_t exceptions = 0;  // FPSR exception byte bits
  std::uint32_t condition = 0;   // FPSR condition-code bits
  bool stores = true;            // FCMP and FTST only set the condition codes
  bool has_cosine = false;       // FSINCOS: the cosine for FPc
  Extended80 cosine;
  bool has_quotient = false;  // FMOD, FREM: the FPSR quotient byte
  std::uint8_t quotient = 0;  // sign in bit 7, the quotient's low seven bits
};

// Whether `opmode` names an operation on `model` at all (an undefined one is an F-line
// trap), and whether the 68040 leaves it to software (68040 UM 9: the
// transcendental and FINT/FMOD/FREM/FSCALE/FGETxxx/FSGLxxx group).
bool opmode_defined(unsigned opmode, FpuModel model);
bool opmode_unimplemented_on_68040(unsigned opmode);
// Whether the operation reads its destination register too (FADD, FCMP, FSDIV...).
bool opmode_dyadic(unsigned opmode);

// Runs opmode on (source, destination) under FPCR's rounding (the 68040's FS/FD forms
// override the precision). NaN operands follow FPU UM 4.5.4: a signalling NaN raises SNAN
// and is quieted; the destination's NaN wins over the source's.
OperationResult fpu_operate(unsigned opmode, const Extended80& source,
                            const Extended80& destination, Rounding rounding);

}  // namespace anvil::m68k
