// The count sequence the CMSDK timers share (DDI 0479C; SP804 for the dual timer): from
// `start` the counter steps down one per tick to 0, then restarts from `restart` (RELOAD,
// Load, or the maximum when free-running), or stays at 0 when one-shot. Pure arithmetic, so
// values can be computed from time instead of ticking.
#pragma once

#include <cstdint>
#include <optional>

namespace anvil {

inline std::uint32_t down_count(std::uint64_t ticks, std::uint32_t start, std::uint32_t restart,
                                bool one_shot) {
  if (ticks <= start) return static_cast<std::uint32_t>(start - ticks);
  if (one_shot) return 0;
  const std::uint64_t period = std::uint64_t{restart} + 1;
  return static_cast<std::uint32_t>(restart - (ticks - start - 1) % period);
}

// Ticks until the counter next steps to zero from a count of `start`, or nullopt when it
// never will (one-shot at zero, or restarting from zero, which parks it there).
inline std::optional<std::uint64_t> ticks_to_zero(std::uint32_t start, std::uint32_t restart,
                                                  bool one_shot) {
  if (start != 0) return start;
  if (one_shot || restart == 0) return std::nullopt;
  return std::uint64_t{restart} + 1;
}

}  // namespace anvil
