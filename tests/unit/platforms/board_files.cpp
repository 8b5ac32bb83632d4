#include "board_files.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "test_registry.h"

namespace anvil::test {

BoardFiles::BoardFiles() {
  std::string pattern = (std::filesystem::temp_directory_path() / "anvil-boards-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  folder_ = pattern;
}

BoardFiles::~BoardFiles() {
  std::error_code ignored;
  std::filesystem::remove_all(folder_, ignored);
}

std::string BoardFiles::write(const std::string& name, const std::string& text) {
  const std::string path = folder_ + "/" + name;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path) << text;
  return path;
}

std::string problems_of(const std::string& path, BoardLoadOptions options) {
  if (options.boards_dir.empty()) options.boards_dir = ANVIL_BOARDS_DIR;
  LoadedBoard loaded = load_board_file(path, options);
  BoardProblems problems = loaded.problems;
  if (loaded.is_board) {
    BoardProblems more = validate_board(loaded.desc, make_test_registry(), loaded.type_where);
    problems.insert(problems.end(), more.begin(), more.end());
  }
  std::string text;
  for (const auto& problem : problems) text += problem.str() + "\n";
  return text;
}

LoadedBoard load_good(const std::string& path, BoardLoadOptions options) {
  if (options.boards_dir.empty()) options.boards_dir = ANVIL_BOARDS_DIR;
  INFO(problems_of(path, options));
  LoadedBoard loaded = load_board_file(path, options);
  REQUIRE(loaded.problems.empty());
  REQUIRE(validate_board(loaded.desc, make_test_registry(), loaded.type_where).empty());
  return loaded;
}

}  // namespace anvil::test
