// Words for the three kinds of component: the field that picks a component's registry type
// (cpu { model = ... }, memory { kind = ... }, device { type = ... }) and how messages name it.
#pragma once

#include <string>

namespace anvil {

std::string type_field_of(const std::string& kind);    // "model", "kind", "type"
std::string type_word_of(const std::string& kind);     // "cpu model", "memory kind", ...
std::string type_example_of(const std::string& kind);  // "model = \"cortex-m3\"", ...

}  // namespace anvil
