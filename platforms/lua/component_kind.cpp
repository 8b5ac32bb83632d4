#include "platforms/lua/component_kind.h"

namespace anvil {

std::string type_field_of(const std::string& kind) {
  if (kind == "cpu") return "model";
  if (kind == "memory") return "kind";
  return "type";
}

std::string type_word_of(const std::string& kind) {
  if (kind == "cpu") return "cpu model";
  if (kind == "memory") return "memory kind";
  if (kind == "clock") return "clock type";
  return "device type";
}

std::string type_example_of(const std::string& kind) {
  if (kind == "cpu") return "model = \"cortex-m3\"";
  if (kind == "memory") return "kind = \"ram\"";
  if (kind == "clock") return "type = \"fixed\"";
  return "type = \"cmsdk-uart\"";
}

}  // namespace anvil
