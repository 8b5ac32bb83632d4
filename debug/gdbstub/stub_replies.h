// Reply strings shared by the stub's packet handlers (GDB manual, "Standard Replies").
#pragma once

#include <string_view>

namespace anvil::gdb_reply {

inline constexpr std::string_view kOk = "OK";
inline constexpr std::string_view kUnsupported = "";       // the packet is not supported
inline constexpr std::string_view kMalformed = "E01";      // a field is missing or out of range
inline constexpr std::string_view kTooLong = "E02";        // the packet exceeded PacketSize
inline constexpr std::string_view kTargetRefused = "E03";  // e.g. no breakpoint slot left
inline constexpr std::string_view kMemoryFault = "E14";    // nothing mapped there (EFAULT)
inline constexpr std::string_view kBadAnnex = "E00";       // qXfer: unknown annex

}  // namespace anvil::gdb_reply
