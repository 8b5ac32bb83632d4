// ELF32 loading (System V ABI, "ELF-32 Object File Format" / TIS ELF 1.2): PT_LOAD segments
// go to their physical address (p_paddr), the part beyond p_filesz is zeroed (bss).
#include <cstdio>
#include <cstring>

#include "peripherals/common/hex.h"
#include "peripherals/memory/image_loader.h"
#include "platforms/errors.h"

namespace anvil {

namespace {

constexpr std::uint32_t kPtLoad = 1;
constexpr std::size_t kHeaderSize = 52;         // sizeof(Elf32_Ehdr)
constexpr std::size_t kProgramHeaderSize = 32;  // sizeof(Elf32_Phdr)

struct Machine {
  unsigned number;
  const char* name;  // as users say it
  const char* isa;   // Core::isa()
};

// e_machine values from the ELF specification's registry.
constexpr Machine kMachines[] = {
    {2, "SPARC", "sparc"},    {3, "x86", "x86"},        {4, "m68k", "m68k"},
    {8, "MIPS", "mips"},      {20, "PowerPC", "ppc"},   {40, "ARM", "arm"},
    {42, "SuperH", "sh4"},    {62, "x86-64", "x86_64"}, {183, "AArch64", "aarch64"},
    {243, "RISC-V", "riscv"},
};

std::string machine_name(unsigned number) {
  for (const Machine& m : kMachines)
    if (m.number == number) return m.name;
  return "machine " + std::to_string(number);
}

const Machine* machine_for_isa(const std::string& isa) {
  for (const Machine& m : kMachines)
    if (isa == m.isa) return &m;
  return nullptr;
}

// Reads fields in the file's byte order, failing with the offset when the file is short.
class ElfReader {
 public:
  ElfReader(const std::string& path, const std::vector<std::uint8_t>& file, bool big_endian)
      : path_(path), file_(file), big_(big_endian) {}

  std::uint32_t field(std::uint64_t offset, unsigned size, const char* what) const {
    require(offset, size, what);
    std::uint32_t v = 0;
    for (unsigned i = 0; i < size; ++i) {
      const unsigned k = big_ ? i : size - 1 - i;
      v = (v << 8) | file_[offset + k];
    }
    return v;
  }
  void require(std::uint64_t offset, std::uint64_t size, const std::string& what) const {
    if (offset + size > file_.size())
      throw ImageError(path_ + ": truncated at byte " + std::to_string(file_.size()) + " (" + what +
                       " needs bytes up to " + std::to_string(offset + size) + ")");
  }

 private:
  const std::string& path_;
  const std::vector<std::uint8_t>& file_;
  bool big_;
};

}  // namespace

LoadedImage load_elf(const std::string& path, const std::vector<std::uint8_t>& file,
                     const ImageSink& sink, const ImageOptions& options) {
  auto fail = [&](const std::string& what) -> void { throw ImageError(path + ": " + what); };
  if (file.size() < 4 || std::memcmp(file.data(),
                                     "\x7f"
                                     "ELF",
                                     4) != 0)
    fail("not an ELF file (no \\x7fELF magic); use format = \"bin\" or \"ihex\" for other images");
  if (file.size() < 6)
    fail("truncated at byte " + std::to_string(file.size()) + " (ELF identification)");
  if (file[4] == 2) fail("64-bit ELF (ELFCLASS64); only 32-bit ELF images are supported");
  if (file[4] != 1) fail("unknown ELF class " + std::to_string(file[4]));
  if (file[5] != 1 && file[5] != 2) fail("unknown ELF data encoding " + std::to_string(file[5]));
  const ElfReader elf(path, file, file[5] == 2);
  elf.require(0, kHeaderSize, "the ELF header");

  const unsigned machine = elf.field(18, 2, "e_machine");
  if (!options.isa.empty()) {
    const Machine* expected = machine_for_isa(options.isa);
    if (expected && expected->number != machine)
      fail("ELF for " + machine_name(machine) + ", board's " + options.cpu_name + " is " +
           options.isa);
  }
  const unsigned type = elf.field(16, 2, "e_type");
  if (type != 2) fail("ELF type " + std::to_string(type) + " is not an executable (ET_EXEC)");

  LoadedImage result;
  result.entry = elf.field(24, 4, "e_entry");
  const std::uint64_t phoff = elf.field(28, 4, "e_phoff");
  const unsigned phentsize = elf.field(42, 2, "e_phentsize");
  const unsigned phnum = elf.field(44, 2, "e_phnum");
  if (phnum == 0) fail("no program headers (is this an object file rather than a linked image?)");
  if (phentsize < kProgramHeaderSize)
    fail("program header size " + std::to_string(phentsize) + " is too small");

  for (unsigned i = 0; i < phnum; ++i) {
    const std::uint64_t ph = phoff + std::uint64_t{i} * phentsize;
    const std::string name = "program header " + std::to_string(i);
    elf.require(ph, kProgramHeaderSize, name);
    if (elf.field(ph, 4, "p_type") != kPtLoad) continue;
    const std::uint64_t offset = elf.field(ph + 4, 4, "p_offset");
    const std::uint64_t paddr = elf.field(ph + 12, 4, "p_paddr");
    const std::uint64_t filesz = elf.field(ph + 16, 4, "p_filesz");
    const std::uint64_t memsz = elf.field(ph + 20, 4, "p_memsz");
    if (filesz > memsz) fail(name + ": p_filesz " + hex(filesz) + " exceeds p_memsz " + hex(memsz));
    const std::string segment = "segment " + std::to_string(i);
    elf.require(offset, filesz, segment + " contents");
    auto put = [&](std::uint64_t address, const std::uint8_t* data, std::uint64_t size) {
      const std::uint64_t done = sink(address, data, size);
      if (done != size)
        fail(segment + " [" + hex(paddr) + ", " + hex(paddr + memsz - 1) +
             "] is outside any memory at " + hex(address + done));
    };
    if (filesz > 0) put(paddr, file.data() + offset, filesz);
    if (memsz > filesz) put(paddr + filesz, nullptr, memsz - filesz);
    result.bytes_loaded += memsz;
  }
  return result;
}

}  // namespace anvil
