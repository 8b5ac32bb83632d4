#include "platforms/lua/board_validator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>

#include "platforms/lua/component_kind.h"
#include "platforms/lua/spelling.h"

namespace anvil {
namespace {

class BoardValidator {
 public:
  BoardValidator(BoardDesc& board, const Registry& registry,
                 const std::map<std::string, SourceLocation>& type_where)
      : board_(board), registry_(registry), type_where_(type_where) {}

  BoardProblems run() {
    for (const auto& component : board_.components) {
      if (component.kind == "cpu") cpus_.push_back(component.name);
    }
    if (cpus_.empty()) {
      report(board_.where, "", "no cpu: a board needs at least one cpu { model = ... }");
    }
    for (auto& component : board_.components) check_component(component);
    check_overlaps();
    return std::move(problems_);
  }

 private:
  void report(const SourceLocation& where, const std::string& field, std::string message) {
    problems_.push_back({where, field, std::move(message)});
  }

  void check_component(ComponentDesc& component) {
    const std::string type_field = type_field_of(component.kind);
    const std::string type_path = component.name + "." + type_field;
    if (component.type.empty()) {
      report(
          component.where, type_path,
          "missing: a " + component.kind + " needs one, as in " + type_example_of(component.kind));
      for (const auto& [key, value] : component.params) {
        if (!closest_name(key, {type_field}).empty()) {
          report(value.where, component.name + "." + key,
                 "unknown field (did you mean \"" + type_field + "\"?)");
        }
      }
      return;
    }
    const ModuleType* type = registry_.find(component.kind, component.type);
    const int wrong_types_before = wrong_types_;
    if (!type) {
      auto where = type_where_.find(component.name);
      std::vector<std::string> known;
      for (const ModuleType* candidate : registry_.all()) {
        if (candidate->kind == component.kind) known.push_back(candidate->name);
      }
      report(where != type_where_.end() ? where->second : component.where, type_path,
             "unknown " + type_word_of(component.kind) + " \"" + component.type + "\" (" +
                 (known.empty() ? "this build registers none" : "known: " + join_names(known)) +
                 ")");
      return;
    }
    // A registry may also declare the type field (cpu "model") as a parameter; the loader
    // has already moved it into component.type, so it is never missing and never listed.
    std::vector<std::string> names{type_field};
    for (const auto& spec : type->params) {
      if (spec.name != type_field) names.push_back(spec.name);
    }
    for (auto& [key, value] : component.params) {
      const std::string path = component.name + "." + key;
      auto spec = std::find_if(type->params.begin(), type->params.end(),
                               [&](const ParamSpec& s) { return s.name == key; });
      if (spec == type->params.end()) {
        std::string hint = did_you_mean(key, names);
        if (hint.empty()) {
          hint = " (known: " + join_names({names.begin() + 1, names.end()}) + ")";
        }
        report(value.where, path,
               "unknown parameter for " + type_word_of(component.kind) + " \"" + component.type +
                   "\"" + hint);
        continue;
      }
      check_value(value, *spec, path);
    }
    for (const auto& spec : type->params) {
      if (spec.required && spec.name != type_field && !component.params.count(spec.name)) {
        report(component.where, component.name + "." + spec.name,
               "missing required parameter" + (spec.doc.empty() ? "" : " (" + spec.doc + ")"));
      }
    }
    // The type's own checks read values of their declared types: only once those hold.
    if (wrong_types_ == wrong_types_before && type->check_params) {
      for (const ParamProblem& problem : type->check_params(component)) {
        auto value = component.params.find(problem.param);
        report(value != component.params.end() ? value->second.where : component.where,
               component.name + "." + problem.param, problem.message);
      }
    }
    check_clock(component, *type);
  }

  // Cores and devices count time in their clock's cycles (Platform::clock_period).
  void check_clock(const ComponentDesc& component, const ModuleType& type) {
    if (type.needs_clock && !(board_.clock_hz > 0) && !component.params.count("clock_hz")) {
      report(component.where, component.name + ".clock_hz",
             "no clock: set clock_hz on the board or on the component (in Hz)");
    }
  }

  void check_value(Value& value, const ParamSpec& spec, const std::string& path) {
    using Kind = Value::Kind;
    switch (spec.type) {
      case ParamType::Integer:
        if (value.kind == Kind::Number && std::nearbyint(value.number) == value.number &&
            std::fabs(value.number) < 0x1p63) {
          value.kind = Kind::Integer;
          value.integer = static_cast<std::int64_t>(value.number);
        }
        if (value.kind != Kind::Integer)
          expected(value, path, "an integer");
        else if (spec.name == "base" && value.integer < 0) {
          report(value.where, path,
                 "expected an address, got the negative " + std::to_string(value.integer));
        } else if (spec.name == "size" && value.integer <= 0) {
          report(value.where, path,
                 "expected a positive size, got " + std::to_string(value.integer));
        }
        return;
      case ParamType::Number:
        if (value.kind == Kind::Integer) {
          value.kind = Kind::Number;
          value.number = static_cast<double>(value.integer);
        }
        if (value.kind != Kind::Number) expected(value, path, "a number");
        return;
      case ParamType::String:
        // `-p cpu0.fpu=68881` reads as an integer; a string field takes the text as typed
        // (only values from -p carry their text: board.h, Value::string).
        if (value.kind != Kind::String && value.kind != Kind::List && !value.string.empty())
          value.kind = Kind::String;
        if (value.kind != Kind::String) expected(value, path, "a string");
        return;
      case ParamType::Boolean:
        if (value.kind != Kind::Boolean) expected(value, path, "a boolean (true or false)");
        return;
      case ParamType::Irq:
        check_irq(value, path);
        return;
      case ParamType::Path:
        if (value.kind != Kind::String || value.string.empty()) {
          expected(value, path, "a file name");
        } else {
          resolve_path(value);
        }
        return;
    }
  }

  void expected(const Value& value, const std::string& path, const std::string& what) {
    ++wrong_types_;
    report(value.where, path, "expected " + what + ", got " + describe_value(value));
  }

  void check_irq(const Value& value, const std::string& path) {
    const bool shaped = value.kind == Value::Kind::List && value.list.size() == 2 &&
                        value.list[0].kind == Value::Kind::String &&
                        value.list[1].kind == Value::Kind::Integer && value.list[1].integer >= 0;
    if (!shaped) {
      expected(value, path, "an IRQ { \"cpu0\", line }");
      return;
    }
    const std::string& target = value.list[0].string;
    auto cpu = std::find_if(board_.components.begin(), board_.components.end(),
                            [&](const ComponentDesc& c) { return c.name == target; });
    if (cpu == board_.components.end() || cpu->kind != "cpu") {
      report(value.where, path,
             "IRQ target \"" + target +
                 "\" is not a cpu of this board (cpus: " + join_names(cpus_) + ")");
      return;
    }
    // The cpu's `irqs`, else its model's default number of lines.
    std::int64_t lines = 0;
    std::string source = "irqs";
    auto declared = cpu->params.find("irqs");
    if (declared != cpu->params.end() && declared->second.kind == Value::Kind::Integer) {
      lines = declared->second.integer;
    } else if (const ModuleType* type = registry_.find("cpu", cpu->type)) {
      lines = type->default_irq_lines;
      source = "the " + cpu->type + " default";
    }
    if (lines > 0 && value.list[1].integer >= lines) {
      report(value.where, path,
             "IRQ line " + std::to_string(value.list[1].integer) + " does not exist: " + target +
                 " has " + std::to_string(lines) + " (" + source + ")");
    }
  }

  // Relative to the folder of the file that wrote it; command-line values (line 0) stay
  // relative to the current directory.
  void resolve_path(Value& value) {
    namespace fs = std::filesystem;
    const fs::path path(value.string);
    if (path.is_absolute() || value.where.line == 0) return;
    value.string = (fs::path(value.where.file).parent_path() / path).lexically_normal().string();
  }

  struct Range {
    const ComponentDesc* component;
    std::uint64_t first, last;  // inclusive
    SourceLocation where;
  };

  void check_overlaps() {
    std::vector<Range> ranges;
    for (const auto& component : board_.components) {
      auto base = component.params.find("base");
      if (base == component.params.end() || base->second.kind != Value::Kind::Integer ||
          base->second.integer < 0) {
        continue;
      }
      // A device's window is what its type decodes; unknown, its base is a point.
      std::uint64_t size = 1;
      const ModuleType* type = registry_.find(component.kind, component.type);
      if (type && type->window_size > 0) size = type->window_size;
      auto declared = component.params.find("size");
      if (declared != component.params.end() && declared->second.kind == Value::Kind::Integer &&
          declared->second.integer > 0) {
        size = static_cast<std::uint64_t>(declared->second.integer);
      }
      const auto first = static_cast<std::uint64_t>(base->second.integer);
      ranges.push_back({&component, first, first + (size - 1), base->second.where});
    }
    for (size_t later = 0; later < ranges.size(); ++later) {
      for (size_t earlier = 0; earlier < later; ++earlier) {
        const Range& a = ranges[earlier];
        const Range& b = ranges[later];
        if (a.first <= b.last && b.first <= a.last) {
          report(b.where, b.component->name,
                 range_text(b) + " overlaps " + a.component->name + " (" + range_text(a) + ", " +
                     location_text(a.where) + ")");
        }
      }
    }
  }

  static std::string range_text(const Range& range) {
    return range.first == range.last ? address_text(range.first)
                                     : address_text(range.first) + ".." + address_text(range.last);
  }

  BoardDesc& board_;
  const Registry& registry_;
  const std::map<std::string, SourceLocation>& type_where_;
  std::vector<std::string> cpus_;
  BoardProblems problems_;
  int wrong_types_ = 0;  // values not of their declared type, so far
};

}  // namespace

BoardProblems validate_board(BoardDesc& board, const Registry& registry,
                             const std::map<std::string, SourceLocation>& type_where) {
  return BoardValidator(board, registry, type_where).run();
}

LoadedBoard load_valid_board(const std::string& path, const BoardLoadOptions& options,
                             const Registry& registry) {
  LoadedBoard loaded = load_board_file(path, options);
  if (loaded.is_board) {
    BoardProblems more = validate_board(loaded.desc, registry, loaded.type_where);
    loaded.problems.insert(loaded.problems.end(), more.begin(), more.end());
  }
  if (!loaded.problems.empty()) throw make_board_error(loaded.problems);
  return loaded;
}

}  // namespace anvil
