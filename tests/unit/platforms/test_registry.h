// A registry with the module types the board tests use, declared as the builtin ones are
// (platforms/elaboration) but with no factories: validation never builds anything.
#pragma once

#include "platforms/registry.h"

namespace anvil::test {

Registry make_test_registry();

}  // namespace anvil::test
