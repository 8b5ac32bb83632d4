// `anvil`: everything but wiring the real services is in anvil_cli_lib (cli.cpp).
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "platforms/cli/cli.h"
#include "platforms/vectors/vector_suite.h"

#ifdef ANVIL_HAVE_ELABORATION
#include "platforms/simulation.h"
#endif
#ifdef ANVIL_HAVE_USER
#include "platforms/user/user_command.h"
#endif
#ifdef ANVIL_HAVE_MIPS
#include "cores/mips/r3000_vectors.h"
#endif
#ifdef ANVIL_HAVE_M68K
#include "cores/m68k/m68000_vectors.h"
#endif
#ifdef ANVIL_HAVE_GDB
#include <memory>

#include "platforms/debugging/gdb_session.h"
#endif

int main(int argc, char** argv) {
  anvil::CliServices services;
  services.out = &std::cout;
  services.err = &std::cerr;
  services.stderr_is_terminal = isatty(STDERR_FILENO) != 0;
  const char* boards_dir = std::getenv("ANVIL_BOARDS_DIR");
  services.boards_dir = boards_dir ? boards_dir : ANVIL_DEFAULT_BOARDS_DIR;
#ifdef ANVIL_HAVE_ELABORATION
  services.register_types = anvil::register_builtin_types;
  services.run = [](const anvil::BoardDesc& board, const anvil::Registry& registry,
                    const anvil::RunOptions& options) {
    anvil::Simulation simulation(board, registry, options);
#ifdef ANVIL_HAVE_GDB
    std::unique_ptr<anvil::GdbSession> gdb;
    if (!options.gdb.empty())
      gdb = std::make_unique<anvil::GdbSession>("gdb", simulation.platform(), options.gdb,
                                                options.wait_gdb, std::cerr,
                                                options.gdb_on_disconnect);
#endif
    return simulation.run();
  };
#endif
  anvil::vectors::SuiteList suites;  // each ISA's suite, when the build has its core
#ifdef ANVIL_HAVE_MIPS
  suites.push_back(anvil::mips::r3000_vector_suite());
#endif
#ifdef ANVIL_HAVE_M68K
  suites.push_back(anvil::m68k::m68000_vector_suite());
#endif
  services.tools["vectors"] = {
      .usage = "anvil vectors --isa ISA [--require-all] FILE|DIR...",
      .summary = "run single-step CPU test vectors and report per file (docs/vectors.md)",
      .run = [suites](const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
        return anvil::vectors::run_vectors_command(args, suites, out, err);
      }};
#ifdef ANVIL_HAVE_USER
  services.tools["user"] = anvil::user::user_tool_command(anvil::user::available_user_targets());
#endif
  return anvil::run_cli({argv + 1, argv + argc}, services);
}
