// The source line of each field of a Lua table constructor, found by scanning the source
// text: Lua itself keeps no line per table field, and errors should point at the field's
// own line (`base = ...` on line 9), not at the constructor's first line.
#pragma once

#include <map>
#include <string>

namespace anvil {

// `source` is a whole Lua file; the table is the first `{` at or after the start of line
// `line` (1-based), outside comments and strings. Returns name -> line for each `name = ...`
// field directly inside it; empty when there is no such table.
std::map<std::string, int> find_field_lines(const std::string& source, int line);

}  // namespace anvil
