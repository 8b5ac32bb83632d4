// Included by every conformance program: <inttypes.h>, plus the 64-bit format macros that
// Debian's arm-none-eabi newlib leaves out (its <inttypes.h> tests __int64_t_defined, which
// GCC's own <stdint.h> does not set). On ARM, int64_t is long long.
#ifndef ANVIL_CONFORMANCE_PORTABLE_H
#define ANVIL_CONFORMANCE_PORTABLE_H

#include <inttypes.h>
#include <stdint.h>

#ifndef PRId64
#define PRId64 "lld"
#define PRIi64 "lli"
#define PRIu64 "llu"
#define PRIx64 "llx"
#define PRIX64 "llX"
#define PRIo64 "llo"
#define SCNd64 "lld"
#define SCNu64 "llu"
#define SCNx64 "llx"
#endif

#endif
