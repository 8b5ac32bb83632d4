// CP1, the floating-point unit. MIPS32 ISA ch. 3 ("FPU instructions") and the FCSR.
#include "cores/mips/mips_ops.h"

namespace anvil::mips {

bool MipsCore::fpu_usable() {
  if (!variant_.has_fpu) {
    reserved_instruction();
    return false;
  }
  return coprocessor_usable(1);
}

std::span<const MipsRow> mips_fpu_rows() {
  return {};
}

}  // namespace anvil::mips
