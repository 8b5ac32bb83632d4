// Loading a Lua board file into a BoardDesc (docs/boards.md): the sandboxed evaluation, the
// board parameters and `-p key=value` overrides. Validation against the registry is
// board_validator.h.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "platforms/board.h"
#include "platforms/lua/board_problem.h"
#include "platforms/lua/firmware_tests.h"

namespace anvil {

// One `-p key=value` (or `--firmware F`, which is `-p firmware=F`).
struct Override {
  std::string key;     // "uart0.backend", "cpu0.model", "firmware"
  std::string text;    // the value as typed
  Value value;         // parsed; value.where = {origin, 0}
  std::string origin;  // "-p uart0.backend=file:out.txt", for error messages
};

// "key=value" -> Override; throws std::invalid_argument naming what is wrong.
Override parse_override(const std::string& key_equals_value);
// A typed value from command-line text: integer (decimal or 0x hex), number, true/false,
// anything else a string.
Value parse_value_text(const std::string& text);

struct BoardLoadOptions {
  std::vector<Override> overrides;
  std::string boards_dir;  // where `require` and `extends` look after the board's folder
  // false (anvil check/describe/boards): a board parameter with no value and no default
  // leaves its field out instead of being a problem.
  bool require_params = true;
};

struct LoadedBoard {
  BoardDesc desc;
  std::string description;                   // the board's one-line `description` field
  std::vector<std::string> params;           // board parameters the file declares, sorted
  std::vector<FirmwareTest> firmware_tests;  // the optional `firmware_tests` field
  // Where each component's type field (model/kind/type) was set, when not on the
  // component's own line (a -p override, a patch in a board that extends another).
  std::map<std::string, SourceLocation> type_where;
  bool evaluated = false;  // false: Lua failed, desc is empty
  bool is_board = false;   // the file returned board { ... } (not a fragment)
  BoardProblems problems;
};

// Never throws for a bad board: everything wrong goes into `problems`.
LoadedBoard load_board_file(const std::string& path, const BoardLoadOptions& options);

// Applies the overrides that set fields (`uart0.backend`, `cpu0.model`, `clock_hz`) to a
// loaded board; overrides naming a declared board parameter were used while loading.
void apply_field_overrides(LoadedBoard& board, const std::vector<Override>& overrides);

}  // namespace anvil
