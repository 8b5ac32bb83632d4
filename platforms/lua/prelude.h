// The Lua half of the board sandbox: the constructors board files call.
#pragma once

namespace anvil {

// Lua source run once per sandbox. It receives (where, field_lines, resolve, run_file,
// suggest, builtins) and returns the internals table the reader uses (see prelude.cpp).
extern const char* const kBoardPrelude;

}  // namespace anvil
