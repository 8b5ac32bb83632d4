// The timing-model interface. Each core owns a Timing table: base cycles per instruction
// form from its vendor manual, plus the bus's wait states (MemoryPort::take_wait_cycles),
// plus the pipeline effects the table documents (e.g. refill after a taken branch).
// Both execution engines charge cycles through the same table, so switching engine never
// changes simulated time.
#pragma once

#include "cores/common/types.h"

namespace anvil {

struct TimingReference {
  const char* document;  // "ARM DDI 0337I (Cortex-M3 TRM r2p1)"
  const char* section;   // "Table 18-1 Cortex-M3 instruction timings"
};

}  // namespace anvil
