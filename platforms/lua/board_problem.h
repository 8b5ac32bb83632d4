// One thing wrong with a board, and the list of them that loading and validation collect.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "platforms/board.h"
#include "platforms/errors.h"

namespace anvil {

// "file:line: field.path: what is wrong". A location with line 0 names a command-line option
// ("-p uart0.base=abc"), not a file.
struct BoardProblem {
  SourceLocation where;
  std::string field;  // "uart0.base"; empty for problems with the file as a whole
  std::string message;
  std::string str() const;
};

using BoardProblems = std::vector<BoardProblem>;

// "file:line", or just "file" when line is 0 (a command-line option).
std::string location_text(const SourceLocation& where);

// A value as a board file would write it: `0x4000` is `16384`, a string is unquoted, a list
// is `{ cpu0, 3 }`; integral numbers print without an exponent (`25000000`).
std::string value_text(const Value& value);

// `string "0x4000"`, `integer 3`, `list of 2`: a value as error messages show it.
std::string describe_value(const Value& value);

// "0x40004000": addresses as messages and `anvil describe` show them (at least 8 digits).
std::string address_text(std::uint64_t address);

// All problems, one per line, as a BoardError (what the CLI prints and exits 65 for).
BoardError make_board_error(const BoardProblems& problems);

}  // namespace anvil
