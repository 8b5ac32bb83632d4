#include "debug/gdbstub/debug_points.h"

#include <algorithm>

namespace anvil {

namespace {

// Last byte of a range, clamped so a range reaching the top of the address space does
// not wrap.
Addr last_byte(Addr address, Addr length) {
  if (length == 0) return address;
  const Addr last = address + (length - 1);
  return last < address ? ~Addr{0} : last;
}

bool watch_matches(BreakpointKind watch, Access access) {
  switch (access) {
    case Access::Store:
      return watch == BreakpointKind::WriteWatch || watch == BreakpointKind::AccessWatch;
    case Access::Load:
      return watch == BreakpointKind::ReadWatch || watch == BreakpointKind::AccessWatch;
    case Access::Fetch:
      return false;
  }
  return false;
}

}  // namespace

void DebugPoints::insert(BreakpointKind kind, Addr address, Addr length) {
  const Point point{kind, address, length};
  if (std::find(points_.begin(), points_.end(), point) == points_.end()) points_.push_back(point);
}

bool DebugPoints::remove(BreakpointKind kind, Addr address, Addr length) {
  const auto found = std::find(points_.begin(), points_.end(), Point{kind, address, length});
  if (found == points_.end()) return false;
  points_.erase(found);
  return true;
}

bool DebugPoints::has_breakpoints() const {
  return std::any_of(points_.begin(), points_.end(),
                     [](const Point& p) { return !is_watchpoint(p.kind); });
}

bool DebugPoints::has_watchpoints() const {
  return std::any_of(points_.begin(), points_.end(),
                     [](const Point& p) { return is_watchpoint(p.kind); });
}

std::optional<BreakpointKind> DebugPoints::breakpoint_at(Addr pc) const {
  std::optional<BreakpointKind> found;
  for (const Point& point : points_) {
    if (is_watchpoint(point.kind) || point.address != pc) continue;
    if (!found || point.kind == BreakpointKind::Hardware) found = point.kind;
  }
  return found;
}

std::optional<DebugPoints::WatchHit> DebugPoints::watch_hit(Access kind, Addr address,
                                                            unsigned size) const {
  const Addr access_last = last_byte(address, size);
  std::optional<WatchHit> found;
  for (const Point& point : points_) {
    if (!is_watchpoint(point.kind) || !watch_matches(point.kind, kind)) continue;
    const Addr watch_last = last_byte(point.address, point.length);
    if (access_last < point.address || address > watch_last) continue;
    // Prefer the exact kind (watch for a store, rwatch for a load) over awatch.
    if (!found || found->kind == BreakpointKind::AccessWatch) {
      found = WatchHit{point.kind, std::max(address, point.address)};
    }
  }
  return found;
}

std::vector<Addr> DebugPoints::watched_pages(unsigned page_bits) const {
  std::vector<Addr> pages;
  for (const Point& point : points_) {
    if (!is_watchpoint(point.kind)) continue;
    const Addr first = point.address >> page_bits;
    const Addr last = last_byte(point.address, point.length) >> page_bits;
    for (Addr page = first;; ++page) {
      pages.push_back(page << page_bits);
      if (page == last) break;
    }
  }
  std::sort(pages.begin(), pages.end());
  pages.erase(std::unique(pages.begin(), pages.end()), pages.end());
  return pages;
}

}  // namespace anvil
