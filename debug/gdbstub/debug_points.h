// DebugPoints: the breakpoints and watchpoints a platform has been asked to apply, with the
// checks its core hooks need (Hooks::before_instruction, Hooks::data_access). ISA-neutral
// and SystemC-free, so every platform's GdbTarget can share it.
#pragma once

#include <optional>
#include <vector>

#include "cores/common/types.h"
#include "debug/gdbstub/gdb_target.h"

namespace anvil {

class DebugPoints {
 public:
  struct WatchHit {
    BreakpointKind kind;  // WriteWatch, ReadWatch or AccessWatch
    Addr address;         // the first accessed byte inside the watched range; GDB matches
                          // the reported address against the range it asked for
  };

  // Adding an existing point or removing a missing one is harmless; remove() says which.
  void insert(BreakpointKind kind, Addr address, Addr length);
  bool remove(BreakpointKind kind, Addr address, Addr length);
  void clear() { points_.clear(); }
  bool empty() const { return points_.empty(); }
  // Whether the core must call before_instruction (any breakpoint set).
  bool has_breakpoints() const;
  bool has_watchpoints() const;

  // A software or hardware breakpoint at `pc` (Hardware wins if both are set, since GDB
  // asked for that one explicitly).
  std::optional<BreakpointKind> breakpoint_at(Addr pc) const;
  // A data access of `size` bytes at `address` that touches a watched range. Stores match
  // write and access watchpoints, loads read and access watchpoints, fetches nothing.
  std::optional<WatchHit> watch_hit(Access kind, Addr address, unsigned size) const;
  // Base addresses of the pages (of 2^page_bits bytes) a watchpoint covers, sorted and
  // unique: the platform forces these to the slow path (MemoryPort::force_slow_path).
  std::vector<Addr> watched_pages(unsigned page_bits) const;

 private:
  struct Point {
    BreakpointKind kind;
    Addr address;
    Addr length;
    bool operator==(const Point&) const = default;
  };
  std::vector<Point> points_;
};

}  // namespace anvil
