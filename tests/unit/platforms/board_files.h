// Board files written into a fresh temporary folder for one test, removed afterwards.
#pragma once

#include <string>

#include "platforms/lua/board_file.h"
#include "platforms/lua/board_validator.h"

namespace anvil::test {

class BoardFiles {
 public:
  BoardFiles();
  ~BoardFiles();
  BoardFiles(const BoardFiles&) = delete;
  BoardFiles& operator=(const BoardFiles&) = delete;

  // Writes `text` to `name` in the folder and returns its path.
  std::string write(const std::string& name, const std::string& text);
  const std::string& folder() const { return folder_; }

 private:
  std::string folder_;
};

// The problems of loading and validating `path` against the test registry, one per line.
std::string problems_of(const std::string& path, BoardLoadOptions options = {});

// Loads and validates `path` against the test registry; fails the test on any problem.
LoadedBoard load_good(const std::string& path, BoardLoadOptions options = {});

}  // namespace anvil::test
