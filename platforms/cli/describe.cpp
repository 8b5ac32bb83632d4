// `anvil describe`: a validated BoardDesc as a memory map and an IRQ wiring table. Works
// from the description alone, so it needs no SystemC.
#include <algorithm>
#include <cstdio>
#include <sstream>

#include "platforms/cli/cli.h"
#include "platforms/lua/board_problem.h"

namespace anvil {
namespace {

std::string size_text(std::int64_t bytes) {
  static constexpr struct {
    std::int64_t unit;
    const char* name;
  } kUnits[] = {{1 << 30, "GiB"}, {1 << 20, "MiB"}, {1 << 10, "KiB"}};
  for (const auto& unit : kUnits) {
    if (bytes >= unit.unit && bytes % unit.unit == 0) {
      return std::to_string(bytes / unit.unit) + " " + unit.name;
    }
  }
  return std::to_string(bytes) + " bytes";
}

std::string frequency_text(double hertz) {
  char text[32];
  if (hertz >= 1e6)
    std::snprintf(text, sizeof text, "%g MHz", hertz / 1e6);
  else
    std::snprintf(text, sizeof text, "%g Hz", hertz);
  return text;
}

bool is_irq(const Value& value) {
  return value.kind == Value::Kind::List && value.list.size() == 2 &&
         value.list[0].kind == Value::Kind::String && value.list[1].kind == Value::Kind::Integer;
}

const Value* integer_param(const ComponentDesc& component, const char* name) {
  auto found = component.params.find(name);
  return found != component.params.end() && found->second.kind == Value::Kind::Integer
             ? &found->second
             : nullptr;
}

}  // namespace

std::string describe_board(const LoadedBoard& loaded) {
  const BoardDesc& board = loaded.desc;
  std::ostringstream out;
  out << board.name << " (" << board.file << ")\n";
  if (!loaded.description.empty()) out << "  " << loaded.description << "\n";
  if (board.clock_hz > 0) out << "  clock " << frequency_text(board.clock_hz) << "\n";
  for (const auto& param : loaded.params) {
    out << "  board parameter " << param << " (-p " << param << "=VALUE)\n";
  }

  out << "\ncpus:\n";
  for (const auto& component : board.components) {
    if (component.kind != "cpu") continue;
    out << "  " << component.name << "  " << component.type;
    for (const auto& [key, value] : component.params)
      out << "  " << key << "=" << value_text(value);
    out << "\n";
  }

  struct Row {
    std::int64_t base;
    std::string text;
  };
  std::vector<Row> rows;
  for (const auto& component : board.components) {
    const Value* base = integer_param(component, "base");
    if (!base) continue;
    const Value* size = integer_param(component, "size");
    const std::string range = address_text(base->integer) +
                              (size ? "-" + address_text(base->integer + size->integer - 1) : "");
    char line[160];
    std::snprintf(line, sizeof line, "  %-21s  %-9s %-10s %-14s", range.c_str(),
                  size ? size_text(size->integer).c_str() : "", component.name.c_str(),
                  component.type.c_str());
    std::string text = line;
    for (const auto& [key, value] : component.params) {
      if (key == "base" || key == "size" || is_irq(value)) continue;
      text += "  " + key + "=" + value_text(value);
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    rows.push_back({base->integer, text});
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& a, const Row& b) { return a.base < b.base; });
  out << "\nmemory map:\n";
  for (const auto& row : rows) out << row.text << "\n";

  struct Wire {
    std::string cpu;
    std::int64_t line;
    std::string source;
  };
  std::vector<Wire> wires;
  for (const auto& component : board.components) {
    for (const auto& [key, value] : component.params) {
      if (is_irq(value)) {
        wires.push_back({value.list[0].string, value.list[1].integer, component.name + "." + key});
      }
    }
  }
  std::stable_sort(wires.begin(), wires.end(), [](const Wire& a, const Wire& b) {
    return a.cpu != b.cpu ? a.cpu < b.cpu : a.line < b.line;
  });
  out << "\nirq wiring:\n";
  for (const auto& wire : wires) {
    char line[160];
    std::snprintf(line, sizeof line, "  %s irq %-3lld <- %s\n", wire.cpu.c_str(),
                  static_cast<long long>(wire.line), wire.source.c_str());
    out << line;
  }
  return out.str();
}

}  // namespace anvil
