#include "debug/gdbstub/debug_points.h"

#include <catch2/catch.hpp>

using namespace anvil;

TEST_CASE("breakpoints match their exact pc, hardware wins over software") {
  DebugPoints points;
  CHECK_FALSE(points.has_breakpoints());
  points.insert(BreakpointKind::Software, 0x100, 2);
  points.insert(BreakpointKind::Software, 0x100, 2);  // idempotent
  CHECK(points.has_breakpoints());
  CHECK_FALSE(points.has_watchpoints());
  CHECK(points.breakpoint_at(0x100) == BreakpointKind::Software);
  CHECK_FALSE(points.breakpoint_at(0x102));
  points.insert(BreakpointKind::Hardware, 0x100, 2);
  CHECK(points.breakpoint_at(0x100) == BreakpointKind::Hardware);
  CHECK(points.remove(BreakpointKind::Hardware, 0x100, 2));
  CHECK(points.remove(BreakpointKind::Software, 0x100, 2));
  CHECK_FALSE(points.remove(BreakpointKind::Software, 0x100, 2));
  CHECK(points.empty());
}

TEST_CASE("watchpoints match overlapping accesses of the right direction") {
  DebugPoints points;
  points.insert(BreakpointKind::WriteWatch, 0x1002, 2);  // bytes 0x1002-0x1003
  CHECK(points.has_watchpoints());
  CHECK_FALSE(points.has_breakpoints());
  // A word store at 0x1000 covers 0x1000-0x1003: reported at the first watched byte.
  auto hit = points.watch_hit(Access::Store, 0x1000, 4);
  REQUIRE(hit);
  CHECK(hit->kind == BreakpointKind::WriteWatch);
  CHECK(hit->address == 0x1002);
  CHECK_FALSE(points.watch_hit(Access::Store, 0x1004, 4));
  CHECK_FALSE(points.watch_hit(Access::Store, 0x1000, 2));
  CHECK_FALSE(points.watch_hit(Access::Load, 0x1002, 2));
  CHECK_FALSE(points.watch_hit(Access::Fetch, 0x1002, 2));
  points.insert(BreakpointKind::AccessWatch, 0x1000, 8);
  CHECK(points.watch_hit(Access::Load, 0x1003, 1)->kind == BreakpointKind::AccessWatch);
  CHECK(points.watch_hit(Access::Store, 0x1003, 1)->kind == BreakpointKind::WriteWatch);
  points.insert(BreakpointKind::ReadWatch, 0x1004, 4);
  CHECK(points.watch_hit(Access::Load, 0x1004, 4)->kind == BreakpointKind::ReadWatch);
}

TEST_CASE("a watch range at the top of the address space does not wrap") {
  DebugPoints points;
  points.insert(BreakpointKind::AccessWatch, ~Addr{0} - 1, 16);
  CHECK(points.watch_hit(Access::Load, ~Addr{0}, 1));
  CHECK_FALSE(points.watch_hit(Access::Load, 0, 1));
  CHECK(points.watched_pages(12) == std::vector<Addr>{~Addr{0} & ~Addr{0xfff}});
}

TEST_CASE("watched_pages lists each covered page once") {
  DebugPoints points;
  points.insert(BreakpointKind::WriteWatch, 0x1ffe, 4);  // straddles 0x1000 and 0x2000
  points.insert(BreakpointKind::ReadWatch, 0x2010, 4);
  points.insert(BreakpointKind::Software, 0x5000, 2);  // not a watchpoint
  CHECK(points.watched_pages(12) == std::vector<Addr>{0x1000, 0x2000});
}
