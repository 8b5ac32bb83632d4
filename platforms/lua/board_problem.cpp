#include "platforms/lua/board_problem.h"

#include <cstdio>
#include <sstream>

namespace anvil {

std::string location_text(const SourceLocation& where) {
  return where.line > 0 ? where.str() : where.file;
}

std::string BoardProblem::str() const {
  std::string text = location_text(where) + ": ";
  if (!field.empty()) text += field + ": ";
  return text + message;
}

std::string describe_value(const Value& value) {
  switch (value.kind) {
    case Value::Kind::Nil:
      return "nil";
    case Value::Kind::Boolean:
      return value.boolean ? "boolean true" : "boolean false";
    case Value::Kind::Integer:
      return "integer " + std::to_string(value.integer);
    case Value::Kind::Number: {
      std::ostringstream text;
      text << "number " << value.number;
      return text.str();
    }
    case Value::Kind::String:
      return "string \"" + value.string + "\"";
    case Value::Kind::List:
      return "list of " + std::to_string(value.list.size());
  }
  return value.kind_name();
}

std::string address_text(std::uint64_t address) {
  char text[24];
  std::snprintf(text, sizeof text, "0x%08llx", static_cast<unsigned long long>(address));
  return text;
}

BoardError make_board_error(const BoardProblems& problems) {
  std::string text;
  for (const auto& problem : problems) {
    if (!text.empty()) text += "\n";
    text += problem.str();
  }
  return BoardError(text);
}

}  // namespace anvil
