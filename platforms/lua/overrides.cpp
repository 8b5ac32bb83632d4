// `-p key=value`: parsing the text, and setting board and component fields from it.
#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "platforms/lua/board_file.h"
#include "platforms/lua/component_kind.h"
#include "platforms/lua/spelling.h"

namespace anvil {
namespace {

bool parse_integer(const std::string& text, std::int64_t& out) {
  std::string_view digits = text;
  const bool negative = !digits.empty() && digits.front() == '-';
  if (negative) digits.remove_prefix(1);
  int base = 10;
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
    digits.remove_prefix(2);
    base = 16;
  }
  std::uint64_t magnitude = 0;
  const auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size()) {
    return false;
  }
  // As in Lua, a hex literal wraps to 64 bits; a decimal one must fit.
  if (base == 10 && magnitude > static_cast<std::uint64_t>(INT64_MAX) + (negative ? 1 : 0)) {
    return false;
  }
  out = static_cast<std::int64_t>(negative ? 0 - magnitude : magnitude);
  return true;
}

bool parse_number(const std::string& text, double& out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return !text.empty() && error == std::errc() && end == text.data() + text.size();
}

}  // namespace

Value parse_value_text(const std::string& text) {
  Value value;
  value.string = text;  // kept for string fields whatever the text looks like (board.h)
  if (text == "true" || text == "false") {
    value.kind = Value::Kind::Boolean;
    value.boolean = text == "true";
  } else if (parse_integer(text, value.integer)) {
    value.kind = Value::Kind::Integer;
  } else if (parse_number(text, value.number)) {
    value.kind = Value::Kind::Number;
  } else {
    value.kind = Value::Kind::String;
  }
  return value;
}

Override parse_override(const std::string& key_equals_value) {
  const size_t equals = key_equals_value.find('=');
  if (equals == std::string::npos || equals == 0) {
    throw std::invalid_argument("-p " + key_equals_value +
                                ": expected key=value, as in -p uart0.backend=stdio");
  }
  Override result;
  result.key = key_equals_value.substr(0, equals);
  result.text = key_equals_value.substr(equals + 1);
  result.origin = "-p " + key_equals_value;
  result.value = parse_value_text(result.text);
  result.value.where = {result.origin, 0};
  return result;
}

void apply_field_overrides(LoadedBoard& board, const std::vector<Override>& overrides) {
  BoardDesc& desc = board.desc;
  for (const auto& override : overrides) {
    const SourceLocation where{override.origin, 0};
    const size_t dot = override.key.find('.');
    if (dot == std::string::npos) {
      const std::string& key = override.key;
      if (std::find(board.params.begin(), board.params.end(), key) != board.params.end()) {
        continue;  // a board parameter: used while loading
      }
      if (key == "name") {
        desc.name = override.text;
      } else if (key == "description") {
        board.description = override.text;
      } else if (key == "clock_hz" && (override.value.kind == Value::Kind::Integer ||
                                       override.value.kind == Value::Kind::Number)) {
        desc.clock_hz = override.value.kind == Value::Kind::Integer
                            ? static_cast<double>(override.value.integer)
                            : override.value.number;
      } else if (key == "clock_hz") {
        board.problems.push_back({where, key,
                                  "expected a number, got " + override.value.kind_name() + " \"" +
                                      override.text + "\""});
      } else {
        std::vector<std::string> names = board.params;
        for (const char* field : {"name", "description", "clock_hz"}) names.push_back(field);
        for (const auto& component : desc.components) names.push_back(component.name);
        board.problems.push_back(
            {where, "",
             "no board parameter or board field \"" + key + "\"" + did_you_mean(key, names)});
      }
      continue;
    }
    const std::string component_name = override.key.substr(0, dot);
    const std::string field = override.key.substr(dot + 1);
    auto component = std::find_if(desc.components.begin(), desc.components.end(),
                                  [&](const auto& c) { return c.name == component_name; });
    if (component == desc.components.end()) {
      std::vector<std::string> names;
      for (const auto& c : desc.components) names.push_back(c.name);
      board.problems.push_back({where, "",
                                "no component \"" + component_name + "\" in this board" +
                                    did_you_mean(component_name, names)});
    } else if (field.empty() || field.find('.') != std::string::npos) {
      board.problems.push_back({where, "", "expected component.field, as in uart0.backend"});
    } else if (field == type_field_of(component->kind)) {
      component->type = override.text;
      board.type_where[component->name] = where;
    } else {
      component->params[field] = override.value;
    }
  }
}

}  // namespace anvil
