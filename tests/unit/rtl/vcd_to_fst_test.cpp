// VCD → FST (peripherals/rtl/vcd_to_fst.h): a hand-written VCD, converted and read back with
// the FST reader, must hold the same scopes, variables and value changes.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <tuple>
#include <vector>

#include "fstapi.h"
#include "peripherals/rtl/vcd_to_fst.h"

namespace anvil {
namespace {

namespace fs = std::filesystem;

struct Files {
  fs::path dir = fs::temp_directory_path() / ("anvil-fst-" + std::to_string(::getpid()));
  Files() { fs::create_directories(dir); }
  ~Files() { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  }
};

using Change = std::tuple<std::uint64_t, std::string, std::string>;  // time, variable, value

struct ReadBack {
  std::map<fstHandle, std::string> names;  // full hierarchical names
  std::vector<Change> changes;
  int timescale = 0;
};

ReadBack read_fst(const std::string& path) {
  ReadBack result;
  void* reader = fstReaderOpen(path.c_str());
  REQUIRE(reader);
  result.timescale = fstReaderGetTimescale(reader);
  std::vector<std::string> scopes;
  while (const fstHier* h = fstReaderIterateHier(reader)) {
    if (h->htyp == FST_HT_SCOPE) scopes.emplace_back(h->u.scope.name);
    if (h->htyp == FST_HT_UPSCOPE) scopes.pop_back();
    if (h->htyp == FST_HT_VAR && !h->u.var.is_alias) {
      std::string name;
      for (const auto& s : scopes) name += s + ".";
      result.names[h->u.var.handle] = name + h->u.var.name;
    }
  }
  fstReaderSetFacProcessMaskAll(reader);
  auto callback = [](void* data, std::uint64_t time, fstHandle handle, const unsigned char* value) {
    auto* back = static_cast<ReadBack*>(data);
    back->changes.emplace_back(time, back->names[handle], reinterpret_cast<const char*>(value));
  };
  fstReaderIterBlocks(reader, callback, &result, nullptr);
  fstReaderClose(reader);
  return result;
}

constexpr const char* kVcd = R"($version hand-written $end
$timescale 1ps $end
 $scope module top $end
  $var wire 1 ! clk $end
  $scope module timer $end
   $var wire 8 " count [7:0] $end
   $var wire 1 ! pclk $end
  $upscope $end
 $upscope $end
$enddefinitions $end
#0
$dumpvars
0!
b0 "
$end
#20000
1!
#40000
0!
b101 "
#60000
1!
bx1 "
)";

TEST_CASE("a VCD converts to an FST with the same variables, times and values") {
  Files files;
  const std::string fst = (files.dir / "w.fst").string();
  convert_vcd_to_fst(files.write("w.vcd", kVcd), fst);
  const ReadBack back = read_fst(fst);
  CHECK(back.timescale == -12);
  CHECK(back.names.size() == 2);  // pclk is an alias of clk
  const std::vector<Change> expected{
      {0, "top.clk", "0"},
      {0, "top.timer.count [7:0]", "00000000"},
      {20000, "top.clk", "1"},
      {40000, "top.clk", "0"},
      {40000, "top.timer.count [7:0]", "00000101"},  // left-extended with 0
      {60000, "top.clk", "1"},
      {60000, "top.timer.count [7:0]", "xxxxxxx1"},  // with x
  };
  // Within one instant the order of changes carries no meaning.
  std::vector<Change> changes = back.changes;
  std::sort(changes.begin(), changes.end());
  std::string got;
  for (const auto& [time, name, value] : changes)
    got += std::to_string(time) + " " + name + " " + value + "\n";
  std::string want;
  for (const auto& [time, name, value] : expected)
    want += std::to_string(time) + " " + name + " " + value + "\n";
  CHECK(got == want);
}

TEST_CASE("a broken VCD is an error naming the file and line") {
  Files files;
  const std::string fst = (files.dir / "w.fst").string();
  CHECK_THROWS_WITH(convert_vcd_to_fst(files.write("a.vcd", "$enddefinitions $end\n#0\n1?\n"), fst),
                    Catch::Contains("a.vcd:3: a value for undeclared variable '?'"));
  CHECK_THROWS_WITH(
      convert_vcd_to_fst(files.write("b.vcd", "$scope module top $end\n$var wire 1"), fst),
      Catch::Contains("b.vcd:2: the file ends inside $var"));
  CHECK_THROWS_WITH(convert_vcd_to_fst((files.dir / "none.vcd").string(), fst),
                    Catch::Contains("cannot read"));
}

}  // namespace
}  // namespace anvil
