// Checking a loaded board against the registry's parameter schemas (docs/boards.md).
#pragma once

#include <map>
#include <string>

#include "platforms/board.h"
#include "platforms/lua/board_file.h"
#include "platforms/lua/board_problem.h"
#include "platforms/registry.h"

namespace anvil {

// Every problem with `board`, in board order: unknown types and parameters, wrong types,
// missing required parameters, IRQs to cores that do not exist, negative addresses,
// overlapping address ranges. Also normalizes values in place, so the elaborator sees
// exactly the declared types: an integral number becomes an Integer, an integer becomes a
// Number where a Number is declared, and a Path is made relative to the current directory
// (it was relative to the file that wrote it, or to the current directory for -p).
// `type_where` locates type fields that were not set on the component's own line.
BoardProblems validate_board(BoardDesc& board, const Registry& registry,
                             const std::map<std::string, SourceLocation>& type_where = {});

// Loads and validates; throws BoardError listing every problem.
LoadedBoard load_valid_board(const std::string& path, const BoardLoadOptions& options,
                             const Registry& registry);

}  // namespace anvil
