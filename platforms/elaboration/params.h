// Reading a component's parameters in a type's build function. The board validator has
// checked types already; these add defaults and turn what only shows at build time into a
// BoardError of the form "file:line: component.param: what is wrong".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platforms/board.h"
#include "platforms/registry.h"

namespace anvil {

// Where `component.param` was written (the parameter's own location when it has one).
const SourceLocation& param_location(const ComponentDesc& component, const std::string& param);
// Throws BoardError "file:line: component.param: what".
[[noreturn]] void param_error(const ComponentDesc& component, const std::string& param,
                              const std::string& what);

// Throws the first of `problems` as param_error does; nothing if there are none.
void throw_first(const ComponentDesc& component, const std::vector<ParamProblem>& problems);

std::optional<std::int64_t> integer_param(const ComponentDesc& c, const std::string& name);
std::int64_t required_integer(const ComponentDesc& c, const std::string& name);
// Accepts integers and numbers (Lua's 25e6 is a number, 25000000 an integer).
std::optional<double> number_param(const ComponentDesc& c, const std::string& name);
std::optional<std::string> string_param(const ComponentDesc& c, const std::string& name);
// A file name. The board validator has already made names written in a board file relative
// to that file; names from the command line are relative to the current directory.
std::optional<std::string> path_param(const ComponentDesc& c, const std::string& name);

struct IrqTarget {
  std::string cpu;
  unsigned line = 0;
};
// { "cpu0", 3 }
std::optional<IrqTarget> irq_param(const ComponentDesc& c, const std::string& name);

}  // namespace anvil
