// The R3000 suite for `anvil vectors --isa r3000`: runs SingleStepTests R3000 files (layout in
// ../shared/vectors/README.md) on the r3000 model and compares the whole final state: GPRs,
// HI/LO, EPC, TAR, Cause, PC, the branch-delay and load-delay state, and the bytes written.
#pragma once

#include "platforms/vectors/vector_suite.h"

namespace anvil::mips {

anvil::vectors::VectorSuite r3000_vector_suite();

}  // namespace anvil::mips
