// Finding the line of each field of a Lua table constructor in source text.
#include <catch2/catch.hpp>

#include "platforms/lua/field_lines.h"

namespace anvil {
namespace {

using Lines = std::map<std::string, int>;

TEST_CASE("field lines of a multi-line constructor", "[field-lines]") {
  const std::string source =
      "local x = 1\n"                                 // 1
      "uart0 = device {\n"                            // 2
      "  type = \"cmsdk-uart\",  -- base = 5\n"       // 3
      "  irq = { \"cpu0\", 3 }, --[[ size = 1\n"      // 4
      "  size = 2 ]] backend = [[a = b\n"             // 5
      "  c = d]],\n"                                  // 6
      "  ['odd key'] = 1; base = f(a, { z = 1 }),\n"  // 7
      "  check = a == b,\n"                           // 8
      "}\n"                                           // 9
      "other = { late = 1 }\n";                       // 10
  CHECK(find_field_lines(source, 2) ==
        Lines{{"type", 3}, {"irq", 4}, {"backend", 5}, {"base", 7}, {"check", 8}});
  CHECK(find_field_lines(source, 10) == Lines{{"late", 10}});
  CHECK(find_field_lines(source, 11).empty());
  CHECK(find_field_lines("t = { a = \"}\", b = '{', c = 1 }", 1) ==
        Lines{{"a", 1}, {"b", 1}, {"c", 1}});
}

}  // namespace
}  // namespace anvil
