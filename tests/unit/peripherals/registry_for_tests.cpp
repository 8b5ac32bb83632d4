// Registry's methods, for test builds made before platforms/registry (anvil_registry) is in
// the tree. CMake compiles this only when that target does not exist.
#include "platforms/registry.h"

namespace anvil {

void Registry::add(ModuleType type) {
  auto key = std::make_pair(type.kind, type.name);
  types_.insert_or_assign(key, std::move(type));
}

const ModuleType* Registry::find(const std::string& kind, const std::string& name) const {
  auto it = types_.find({kind, name});
  return it == types_.end() ? nullptr : &it->second;
}

std::vector<const ModuleType*> Registry::all() const {
  std::vector<const ModuleType*> out;
  for (const auto& [key, type] : types_) out.push_back(&type);
  return out;
}

}  // namespace anvil
