#include "platforms/lua/board_problem.h"

#include <cmath>
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

std::string value_text(const Value& value) {
  switch (value.kind) {
    case Value::Kind::Nil:
      return "nil";
    case Value::Kind::Boolean:
      return value.boolean ? "true" : "false";
    case Value::Kind::Integer:
      return std::to_string(value.integer);
    case Value::Kind::Number: {
      if (value.number == std::trunc(value.number) && std::fabs(value.number) < 1e15) {
        return std::to_string(static_cast<std::int64_t>(value.number));  // 25000000, not 2.5e+07
      }
      std::ostringstream text;
      text << value.number;
      return text.str();
    }
    case Value::Kind::String:
      return value.string;
    case Value::Kind::List: {
      std::string text = "{";
      for (const auto& item : value.list) text += (text.size() > 1 ? ", " : " ") + value_text(item);
      return text + " }";
    }
  }
  return "";
}

std::string describe_value(const Value& value) {
  switch (value.kind) {
    case Value::Kind::String:
      return "string \"" + value.string + "\"";
    case Value::Kind::List:
      return "list of " + std::to_string(value.list.size());
    case Value::Kind::Nil:
      return "nil";
    default:
      return value.kind_name() + " " + value_text(value);
  }
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
