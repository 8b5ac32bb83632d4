/* The bare-metal benchmark's work, shared by the 68000 SBC and malta-mini firmware and the
   host-native build that checks its checksum (scripts/bench). */
#ifndef BENCH_BARE_WORKLOAD_H
#define BENCH_BARE_WORKLOAD_H

#include <stdint.h>

uint32_t bench_bare_checksum(void);

#endif
