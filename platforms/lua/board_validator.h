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
// missing required parameters, IRQs to cores or lines that do not exist (a cpu's `irqs`, else
// its type's default_irq_lines), negative addresses, overlapping address ranges (a device's
// range is its type's window_size), components without a clock, and what the types'
// check_params find (ranges, backend names, image formats). Also normalizes values in place, so the elaborator sees
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
