// A Lua 5.4 state for evaluating board files: only string, math, table and utf8 plus the
// board constructors; files can reach other files only through `require` and `extends`,
// and only next to the requiring file or in the shared boards folder. Instruction and
// memory budgets stop runaway board files.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "platforms/lua/board_problem.h"

struct lua_State;

namespace anvil {

// A Lua error (syntax, runtime, sandbox violation) with the location Lua reported.
struct SandboxError : std::runtime_error {
  explicit SandboxError(BoardProblem problem_)
      : std::runtime_error(problem_.str()), problem(std::move(problem_)) {}
  BoardProblem problem;
};

class BoardSandbox {
 public:
  // `boards_dir`: the shared folder `require` and `extends` fall back to; may be empty.
  explicit BoardSandbox(std::string boards_dir);
  ~BoardSandbox();
  BoardSandbox(const BoardSandbox&) = delete;
  BoardSandbox& operator=(const BoardSandbox&) = delete;

  // Runs the board file and leaves what it returned on the top of the Lua stack.
  // Throws SandboxError.
  void run_main(const std::string& path);

  lua_State* lua() const;
  // Pushes the prelude's internals table: constructed, params, none (prelude.cpp).
  void push_internals() const;

  struct State;

 private:
  std::unique_ptr<State> state_;
};

}  // namespace anvil
