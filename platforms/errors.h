// The errors that reach the user, each with its documented `anvil` exit status.
#pragma once

#include <stdexcept>
#include <string>

namespace anvil {

// `anvil` exit statuses (docs/cli.md). A guest's own exit code passes through unchanged.
enum ExitStatus : int {
  kExitUsage = 64,      // bad command line
  kExitBadBoard = 65,   // board file does not load or validate
  kExitBadImage = 66,   // firmware image missing, truncated, wrong architecture
  kExitGuestFault = 70, // guest locked up (e.g. a fault with no handler) or hit an unmapped access
                        // it could not handle
  kExitTimeLimit = 124, // --max-time or --max-insns reached before the guest exited
};

// A message of the form "file:line: field.path: what is wrong".
struct BoardError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct ImageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace anvil
