// Addresses in messages: "0x20000000". Header only, so every peripheral library and the
// platform format them the same way without linking anything.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace anvil {

// `v` in hex with at least `digits` digits (8: a 32-bit address), prefixed "0x".
inline std::string hex(std::uint64_t v, int digits = 8) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%0*llx", digits, static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace anvil
