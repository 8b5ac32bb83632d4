// The optional `firmware_tests` field of a board file: the demo and test programs a
// regression run boots on the board and the output each must print (docs/python.md,
// "Declaring firmware tests"). Only the regression runner (the pytest plugin) reads them;
// `anvil run` ignores the field.
#pragma once

#include <string>
#include <vector>

#include "platforms/board.h"
#include "platforms/lua/board_problem.h"

struct lua_State;

namespace anvil {

struct FirmwareTest {
  std::string name;                // unique on the board: "hello"
  std::string firmware;            // the image, relative to the build directory (or absolute)
  std::string golden;              // expected output, relative to the file that declared it; empty:
                                   // the runner's default (docs/python.md)
  std::string param = "firmware";  // the board parameter the image path goes to
  std::string uart = "uart0";      // whose output is compared
  int exit_code = 0;               // the guest's expected exit code
  double timeout_seconds = 10;     // simulated-time limit
  std::vector<std::string> params;  // more board parameters: "key=value"
  SourceLocation where;             // the firmware_tests field
};

// Reads the Lua value at `index` (a list of tables) into `tests`; every problem goes into
// `problems`, naming `firmware_tests[i].field` at `where`.
void read_firmware_tests(lua_State* lua, int index, const SourceLocation& where,
                         std::vector<FirmwareTest>& tests, BoardProblems& problems);

}  // namespace anvil
