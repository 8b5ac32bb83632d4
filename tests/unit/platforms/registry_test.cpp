// Registry lookups and Value kind names.
#include <catch2/catch.hpp>

#include "test_registry.h"

namespace anvil::test {
namespace {

TEST_CASE("the registry finds types by kind and name and lists them sorted", "[registry]") {
  const Registry registry = make_test_registry();
  const ModuleType* uart = registry.find("device", "cmsdk-uart");
  REQUIRE(uart != nullptr);
  CHECK(uart->name == "cmsdk-uart");
  CHECK(registry.find("cpu", "cmsdk-uart") == nullptr);  // the kind is part of the key
  CHECK(registry.find("device", "cmsdk-uartt") == nullptr);
  std::vector<std::string> listed;
  for (const ModuleType* type : registry.all()) listed.push_back(type->kind + ":" + type->name);
  CHECK(listed == std::vector<std::string>{"clock:fixed", "cpu:cortex-m3", "cpu:cortex-m4",
                                           "device:anvil-simctrl", "device:cmsdk-dualtimer",
                                           "device:cmsdk-timer", "device:cmsdk-uart",
                                           "memory:flash", "memory:ram", "memory:rom"});
}

TEST_CASE("registering one type twice is refused", "[registry]") {
  Registry registry;
  registry.add({"device", "x", "", {}, nullptr});
  CHECK_THROWS_WITH(registry.add({"device", "x", "", {}, nullptr}),
                    "module type registered twice: device \"x\"");
  CHECK_NOTHROW(registry.add({"cpu", "x", "", {}, nullptr}));
}

TEST_CASE("values name their kind for messages", "[registry]") {
  Value value;
  CHECK(value.kind_name() == "nil");
  value.kind = Value::Kind::Integer;
  CHECK(value.kind_name() == "integer");
  value.kind = Value::Kind::Number;
  CHECK(value.kind_name() == "number");
  value.kind = Value::Kind::String;
  CHECK(value.kind_name() == "string");
  value.kind = Value::Kind::Boolean;
  CHECK(value.kind_name() == "boolean");
  value.kind = Value::Kind::List;
  CHECK(value.kind_name() == "list");
}

}  // namespace
}  // namespace anvil::test
