#include "platforms/user/elf_loader.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "platforms/errors.h"

namespace anvil::user {

namespace {

// ELF32 constants (System V gABI, "ELF Header" and "Program Header").
constexpr unsigned kClass32 = 1, kData2Lsb = 1, kData2Msb = 2;
constexpr unsigned kTypeExec = 2, kTypeDyn = 3;
constexpr std::uint32_t kPtLoad = 1, kPtInterp = 3, kPtPhdr = 6;
constexpr std::uint32_t kPfX = 1, kPfW = 2, kPfR = 4;
constexpr std::size_t kEhdrSize = 52, kPhdrSize = 32;

struct Reader {
  std::span<const std::uint8_t> bytes;
  bool big_endian;
  const std::string& path;

  [[noreturn]] void fail(const std::string& what) const { throw ImageError(path + ": " + what); }
  std::uint32_t get(std::size_t offset, unsigned size) const {
    if (offset > bytes.size() || bytes.size() - offset < size) fail("truncated ELF file");
    std::uint32_t value = 0;
    for (unsigned i = 0; i < size; ++i) {
      const unsigned shift = big_endian ? 8 * (size - 1 - i) : 8 * i;
      value |= std::uint32_t{bytes[offset + i]} << shift;
    }
    return value;
  }
  std::uint32_t u16(std::size_t offset) const { return get(offset, 2); }
  std::uint32_t u32(std::size_t offset) const { return get(offset, 4); }
};

struct Segment {
  std::uint32_t type, offset, vaddr, filesz, memsz, flags;
};

bool is_elf(std::span<const std::uint8_t> head) {
  return head.size() >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
}

unsigned permissions_of(std::uint32_t flags) {
  return ((flags & kPfR) ? kPermRead : 0) | ((flags & kPfW) ? kPermWrite : 0) |
         ((flags & kPfX) ? kPermExec : 0);
}

}  // namespace

ExecutableKind classify_executable(std::span<const std::uint8_t> head, const LinuxAbi& abi) {
  if (head.size() >= 2 && head[0] == '#' && head[1] == '!') return ExecutableKind::Script;
  if (!is_elf(head)) return ExecutableKind::Unknown;
  if (head.size() < 20) return ExecutableKind::Unknown;
  const bool big = head[5] == kData2Msb;
  const unsigned machine = big ? (head[18] << 8 | head[19]) : (head[19] << 8 | head[18]);
  const bool order_matches = big == (abi.byte_order == std::endian::big);
  return head[4] == kClass32 && machine == abi.elf_machine && order_matches
             ? ExecutableKind::GuestElf
             : ExecutableKind::OtherElf;
}

LoadedProgram load_elf(const std::string& path, std::span<const std::uint8_t> image,
                       const LinuxAbi& abi, AddressSpace& space) {
  const bool guest_big = abi.byte_order == std::endian::big;
  Reader elf{image, guest_big, path};
  if (!is_elf(image)) elf.fail("not an ELF file");
  if (image.size() < kEhdrSize) elf.fail("truncated ELF header");
  if (image[4] != kClass32) elf.fail("not a 32-bit ELF file (" + std::string(abi.name) + ")");
  if (image[5] != (guest_big ? kData2Msb : kData2Lsb))
    elf.fail(std::string("byte order is not ") + (guest_big ? "big" : "little") + "-endian as " +
             std::string(abi.name) + " needs");
  if (elf.u16(18) != abi.elf_machine)
    elf.fail("ELF machine " + std::to_string(elf.u16(18)) + " is not " + std::string(abi.name) +
             "'s (" + std::to_string(abi.elf_machine) + ")");
  const unsigned type = elf.u16(16);
  if (type != kTypeExec && type != kTypeDyn)
    elf.fail("not an executable (ELF type " + std::to_string(type) + ")");
  const std::uint32_t phoff = elf.u32(28);
  const unsigned phentsize = elf.u16(42), phnum = elf.u16(44);
  if (phentsize != kPhdrSize) elf.fail("unexpected program header size");

  std::vector<Segment> segments;
  Segment phdr_segment{};
  bool has_phdr_segment = false;
  for (unsigned i = 0; i < phnum; ++i) {
    const std::size_t at = phoff + std::size_t{i} * kPhdrSize;
    const Segment s{elf.u32(at),      elf.u32(at + 4),  elf.u32(at + 8),
                    elf.u32(at + 16), elf.u32(at + 20), elf.u32(at + 24)};
    if (s.type == kPtInterp)
      elf.fail(
          "dynamically linked (has an interpreter); user mode runs static programs only: "
          "link with -static or -static-pie");
    if (s.type == kPtPhdr) phdr_segment = s, has_phdr_segment = true;
    if (s.type != kPtLoad || s.memsz == 0) continue;
    if (s.filesz > s.memsz) elf.fail("segment " + std::to_string(i) + " has filesz > memsz");
    if (std::size_t{s.offset} + s.filesz > image.size())
      elf.fail("segment " + std::to_string(i) + " lies beyond the end of the file");
    segments.push_back(s);
  }
  if (segments.empty()) elf.fail("no loadable segments");

  LoadedProgram loaded;
  if (type == kTypeDyn) {
    const Addr lowest = std::min_element(segments.begin(), segments.end(), [](auto& a, auto& b) {
                          return a.vaddr < b.vaddr;
                        })->vaddr;
    loaded.load_bias = abi.static_pie_base - AddressSpace::page_down(lowest);
  }
  // Permissions per page are the union of the segments that touch it.
  Addr highest_end = 0;
  for (const Segment& s : segments) {
    const Addr start = loaded.load_bias + s.vaddr;
    const Addr first = AddressSpace::page_down(start);
    const Addr end = AddressSpace::page_up(start + s.memsz);
    if (!space.in_range(first, end - first) || end <= first)
      elf.fail("segment at 0x" + std::to_string(start) + " is outside the guest address space");
    for (Addr page = first; page < end; page += AddressSpace::kPageSize) {
      const unsigned old = space.is_mapped(page, 1) ? space.permissions(page) : 0;
      if (old == 0 && !space.is_mapped(page, 1))
        space.map(page, AddressSpace::kPageSize, permissions_of(s.flags));
      else
        space.protect(page, AddressSpace::kPageSize, old | permissions_of(s.flags));
    }
    std::memcpy(space.host(start), image.data() + s.offset, s.filesz);
    highest_end = std::max(highest_end, start + s.memsz);
  }
  loaded.entry = loaded.load_bias + elf.u32(24);
  loaded.phent = phentsize;
  loaded.phnum = phnum;
  if (has_phdr_segment) {
    loaded.phdr = loaded.load_bias + phdr_segment.vaddr;
  } else {
    for (const Segment& s : segments)
      if (phoff >= s.offset && phoff + phnum * kPhdrSize <= s.offset + s.filesz)
        loaded.phdr = loaded.load_bias + s.vaddr + (phoff - s.offset);
  }
  loaded.brk_start = AddressSpace::page_up(highest_end);
  return loaded;
}

}  // namespace anvil::user
