// A board as plain data: what a Lua board file evaluates to, after the sandbox has run and
// before anything is built. No Lua and no SystemC here, so validation and `anvil check` can
// work on it alone.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace anvil {

struct SourceLocation {
  std::string file;
  int line = 0;
  // "board.lua:12"; a location without a line (a -p override) is just its origin.
  std::string str() const { return line == 0 ? file : file + ":" + std::to_string(line); }
};

// A parameter value from a board file or from `-p key=value`.
struct Value {
  enum class Kind { Nil, Boolean, Integer, Number, String, List } kind = Kind::Nil;
  bool boolean = false;
  std::int64_t integer = 0;
  double number = 0;
  // A String's text; for a value from `-p`, the text as typed whatever its kind, so that a
  // string field takes `-p cpu0.fpu=68881` as the string "68881".
  std::string string;
  std::vector<Value> list;
  SourceLocation where;

  std::string kind_name() const;  // "boolean", "integer", ... for error messages
};

struct ComponentDesc {
  std::string name;  // the field name in the board table: "uart0"
  std::string kind;  // "cpu", "memory" or "device"
  std::string type;  // registry type: cpu model ("cortex-m3"), memory kind ("ram", "rom",
                     // "flash") or device type ("cmsdk-uart")
  std::map<std::string, Value> params;  // every other field, unvalidated
  SourceLocation where;
};

struct BoardDesc {
  std::string name;
  std::string file;
  double clock_hz = 0;                    // the default clock for cores and peripherals
  std::vector<ComponentDesc> components;  // in board-file order (deterministic)
  SourceLocation where;
};

}  // namespace anvil
