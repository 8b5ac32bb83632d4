#include "cores/common/memory_port.h"

#include <catch2/catch.hpp>
#include <map>
#include <vector>

#include "cores/common/decoded_blocks.h"
#include "cores/common/decoded_cache.h"

using namespace anvil;

namespace {
// A bus with 64 KiB of RAM at 0x10000 that offers DMI, and nothing else.
class FakeBus : public BusBackend {
 public:
  std::vector<std::uint8_t> ram = std::vector<std::uint8_t>(0x10000, 0);
  int transports = 0;
  bool offer_dmi = true;

  BusStatus transport(Access, Addr addr, std::uint8_t* data, unsigned size, Cycles& delay) override {
    ++transports;
    delay += 2;
    if (addr < 0x10000 || addr + size > 0x20000) return BusStatus::AddressError;
    for (unsigned i = 0; i < size; ++i) data[i] = ram[addr - 0x10000 + i];
    return BusStatus::Ok;
  }
  BusStatus store(Addr addr, const std::uint8_t* data, unsigned size) {
    for (unsigned i = 0; i < size; ++i) ram[addr - 0x10000 + i] = data[i];
    return BusStatus::Ok;
  }
  unsigned debug_transport(bool is_write, Addr addr, std::uint8_t* data, unsigned size) override {
    if (addr < 0x10000 || addr + size > 0x20000) return 0;
    for (unsigned i = 0; i < size; ++i) {
      if (is_write)
        ram[addr - 0x10000 + i] = data[i];
      else
        data[i] = ram[addr - 0x10000 + i];
    }
    return size;
  }
  void request_direct_access(MemoryPort& port, Addr addr, Access) override {
    if (offer_dmi) port.map_page(addr & ~MemoryPort::kPageMask, &ram[(addr & ~MemoryPort::kPageMask) - 0x10000], true);
  }
};

class WriteThroughBus : public FakeBus {
 public:
  BusStatus transport(Access kind, Addr addr, std::uint8_t* data, unsigned size, Cycles& delay) override {
    if (kind == Access::Store) {
      ++transports;
      delay += 2;
      if (addr < 0x10000 || addr + size > 0x20000) return BusStatus::AddressError;
      return store(addr, data, size);
    }
    return FakeBus::transport(kind, addr, data, size, delay);
  }
};
}  // namespace

TEST_CASE("the first access takes the slow path and later ones go through DMI") {
  WriteThroughBus bus;
  MemoryPort port(bus, std::endian::little);
  bus.ram[0] = 0x78; bus.ram[1] = 0x56; bus.ram[2] = 0x34; bus.ram[3] = 0x12;
  std::uint32_t v = 0;
  REQUIRE(port.load(0x10000, v));
  CHECK(v == 0x12345678);
  CHECK(bus.transports == 1);
  CHECK(port.take_wait_cycles() == 2);
  REQUIRE(port.load(0x10000, v));
  CHECK(bus.transports == 1);
  CHECK(port.take_wait_cycles() == 0);
}

TEST_CASE("a big-endian port converts on load and store") {
  WriteThroughBus bus;
  MemoryPort port(bus, std::endian::big);
  REQUIRE(port.store<std::uint32_t>(0x10010, 0x11223344));
  CHECK(bus.ram[0x10] == 0x11);
  CHECK(bus.ram[0x13] == 0x44);
  std::uint16_t h = 0;
  REQUIRE(port.load(0x10012, h));
  CHECK(h == 0x3344);
}

TEST_CASE("unmapped addresses and accesses past the address space report a bus error") {
  WriteThroughBus bus;
  MemoryPort port(bus, std::endian::little);
  std::uint32_t v = 0;
  CHECK_FALSE(port.load(0x4000, v));
  CHECK_FALSE(port.store<std::uint32_t>(0x30000, 1));
  CHECK_FALSE(port.load(Addr{1} << 33, v));
}

TEST_CASE("an access straddling a page boundary is split and still correct") {
  WriteThroughBus bus;
  MemoryPort port(bus, std::endian::little);
  for (unsigned i = 0; i < 8; ++i) bus.ram[0xFFC + i] = static_cast<std::uint8_t>(i + 1);
  std::uint64_t v = 0;
  REQUIRE(port.load(0x10FFC, v));
  CHECK(v == 0x0807060504030201ull);
}

TEST_CASE("a store to a page holding decoded code invalidates it") {
  WriteThroughBus bus;
  MemoryPort port(bus, std::endian::little);
  DecodedCache<int, 2> cache(port);
  std::uint32_t v = 0;
  REQUIRE(port.load(0x10100, v));  // DMI now mapped for the page
  cache.at(0x10100) = 42;
  REQUIRE(port.store<std::uint16_t>(0x10200, 7));
  CHECK(cache.invalidations() == 1);
  CHECK(cache.at(0x10100) == 0);
  CHECK(bus.ram[0x200] == 7);  // and the store still lands
  // Other pages are unaffected and keep the fast path.
  cache.at(0x11000) = 5;
  REQUIRE(port.store<std::uint16_t>(0x12000, 1));
  CHECK(cache.at(0x11000) == 5);
}

namespace {
struct FakeDecoded {
  std::uint32_t word = 0;
  Addr offset = 0;
  bool falls_through = false;
};
}  // namespace

TEST_CASE("decoded blocks are straight-line runs, each decoded once") {
  WriteThroughBus bus;
  MemoryPort port(bus, std::endian::little);
  DecodedBlocks<FakeDecoded, 4> blocks(port);
  std::uint32_t v = 0;
  REQUIRE(port.load(0x10000, v));
  for (unsigned i = 0; i < 0x1000; i += 4) bus.ram[i] = static_cast<std::uint8_t>(i / 4);
  unsigned decodes = 0;
  const auto decode = [&](Addr offset, FakeDecoded& out) -> unsigned {
    ++decodes;
    REQUIRE(port.load(0x10000 + offset, out.word, Access::Fetch));
    out.offset = offset;
    return 4;
  };
  auto& page = blocks.page(0x10000);
  CHECK(page.find(0x100) == nullptr);
  // A run from 0x100 goes on for kMaxRun instructions, packed one after another.
  FakeDecoded* run = page.decode_run(0x100, 0xFFC, decode);
  REQUIRE(run != nullptr);
  CHECK(decodes == DecodedBlocks<FakeDecoded, 4>::kMaxRun);
  CHECK(run->word == 0x40);
  CHECK(run->falls_through);
  CHECK(run[1].offset == 0x104);
  CHECK(page.find(0x104) == &run[1]);
  CHECK(!run[DecodedBlocks<FakeDecoded, 4>::kMaxRun - 1].falls_through);
  // A run reaching decoded code stops there; one at the page's end stops at its last slot.
  decodes = 0;
  FakeDecoded* before = page.decode_run(0xF8, 0xFFC, decode);
  CHECK(decodes == 2);
  CHECK(!before[1].falls_through);
  FakeDecoded* last = page.decode_run(0xFF8, 0xFFC, decode);
  CHECK(last[1].offset == 0xFFC);
  CHECK(!last[1].falls_through);
  // A store to the page drops it: found again only after decoding again.
  REQUIRE(port.store<std::uint32_t>(0x10104, 7));
  CHECK(blocks.invalidations() == 1);
  CHECK(blocks.page(0x10000).find(0x100) == nullptr);
}

TEST_CASE("a page of decoded blocks full of re-decodes starts afresh") {
  WriteThroughBus bus;
  MemoryPort port(bus, std::endian::little);
  DecodedBlocks<FakeDecoded, 4> blocks(port);
  auto& page = blocks.page(0x10000);
  const auto decode = [](Addr offset, FakeDecoded& out) -> unsigned {
    out.offset = offset;
    return 4;
  };
  // The same address decoded again and again (as an interpreter does when it is executed
  // in another instruction set) until the storage is full: it is then reused, not grown
  // (which would move the entries an interpreter points at).
  using Blocks = DecodedBlocks<FakeDecoded, 4>;
  FakeDecoded* const first = page.decode_run(0x800, 0x800, decode);
  unsigned calls = 1;
  FakeDecoded* latest = nullptr;
  do {
    latest = page.decode_run(0x800, 0x800, decode);
    ++calls;
  } while (latest != first && calls <= Blocks::kSlots);
  CHECK(latest == first);
  CHECK(calls == Blocks::kSlots - Blocks::kMaxRun + 2);
  CHECK(page.find(0x800) == first);
}

TEST_CASE("forcing a page to the slow path routes accesses to the bus") {
  WriteThroughBus bus;
  MemoryPort port(bus, std::endian::little);
  std::uint32_t v = 0;
  REQUIRE(port.load(0x10000, v));
  const int before = bus.transports;
  port.force_slow_path(0x10000, true);
  REQUIRE(port.load(0x10000, v));
  CHECK(bus.transports == before + 1);
  port.force_slow_path(0x10000, false);
  REQUIRE(port.load(0x10000, v));
  CHECK(bus.transports == before + 1);
}
