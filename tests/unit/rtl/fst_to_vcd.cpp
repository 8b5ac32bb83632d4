// fst_to_vcd FILE.fst: prints the FST file as VCD, through the FST reader Verilator ships.
// Tests use it to compare a `--waves FILE.fst` run with a `--waves FILE.vcd` run.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "fstapi.h"

namespace {

// The identifier fstReaderProcessHier gives variable `handle` in its $var lines: base-94
// digits from '!', least significant first, handles counting from 1.
std::string vcd_id(fstHandle handle) {
  std::string id;
  for (std::uint64_t value = handle; value;) {
    --value;
    id += static_cast<char>('!' + value % 94);
    value /= 94;
  }
  return id;
}

struct Printer {
  std::vector<unsigned> widths;  // by handle
  std::uint64_t time = ~std::uint64_t{0};
};

void print_change(void* data, std::uint64_t time, fstHandle handle, const unsigned char* value) {
  auto* printer = static_cast<Printer*>(data);
  if (time != printer->time) {
    std::printf("#%llu\n", static_cast<unsigned long long>(time));
    printer->time = time;
  }
  const bool scalar = handle < printer->widths.size() && printer->widths[handle] == 1;
  std::printf(scalar ? "%s%s\n" : "b%s %s\n", reinterpret_cast<const char*>(value),
              vcd_id(handle).c_str());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fst_to_vcd FILE.fst\n");
    return 64;
  }
  void* reader = fstReaderOpen(argv[1]);
  if (!reader) {
    std::fprintf(stderr, "fst_to_vcd: %s is not a readable FST file\n", argv[1]);
    return 66;
  }
  Printer printer;
  while (const fstHier* h = fstReaderIterateHier(reader)) {
    if (h->htyp != FST_HT_VAR || h->u.var.is_alias) continue;
    if (printer.widths.size() <= h->u.var.handle) printer.widths.resize(h->u.var.handle + 1);
    printer.widths[h->u.var.handle] = h->u.var.length;
  }
  fstReaderIterateHierRewind(reader);
  bool ok = fstReaderProcessHier(reader, stdout);
  fstReaderSetFacProcessMaskAll(reader);
  ok = ok && fstReaderIterBlocks(reader, print_change, &printer, nullptr);
  fstReaderClose(reader);
  return ok ? 0 : 1;
}
