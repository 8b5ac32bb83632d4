// Registry's methods and Value::kind_name (platforms/registry.h, platforms/board.h).
#include "platforms/registry.h"

#include <stdexcept>

namespace anvil {

std::string Value::kind_name() const {
  switch (kind) {
    case Kind::Nil:
      return "nil";
    case Kind::Boolean:
      return "boolean";
    case Kind::Integer:
      return "integer";
    case Kind::Number:
      return "number";
    case Kind::String:
      return "string";
    case Kind::List:
      return "list";
  }
  return "unknown";
}

void Registry::add(ModuleType type) {
  auto key = std::make_pair(type.kind, type.name);
  // Two modules claiming one name is a programming error in register_builtin_types, not a
  // user error: fail loudly at start-up rather than let the last one win.
  if (types_.count(key)) {
    throw std::logic_error("module type registered twice: " + type.kind + " \"" + type.name + "\"");
  }
  types_.emplace(std::move(key), std::move(type));
}

const ModuleType* Registry::find(const std::string& kind, const std::string& name) const {
  auto it = types_.find({kind, name});
  return it == types_.end() ? nullptr : &it->second;
}

std::vector<const ModuleType*> Registry::all() const {
  // The map is ordered by (kind, name) already.
  std::vector<const ModuleType*> result;
  result.reserve(types_.size());
  for (const auto& [key, type] : types_) result.push_back(&type);
  return result;
}

}  // namespace anvil
