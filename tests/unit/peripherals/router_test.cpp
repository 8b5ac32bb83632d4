// Router: decode, overlap errors, unmapped accesses, address translation, DMI range
// translation both ways, debug forwarding.
#include <catch2/catch.hpp>

#include "peripherals/memory/memory.h"
#include "peripherals/router/router.h"
#include "tests/unit/peripherals/test_support.h"

using namespace anvil;
using anvil::test::TestInitiator;

namespace {

struct Bus {
  TestInitiator cpu{"cpu"};
  Router router{"router"};
  Memory flash{"flash", 0x10000, MemoryKind::Rom};
  Memory sram{"sram", 0x8000, MemoryKind::Ram};
  Bus() {
    cpu.socket.bind(router.target_socket);
    router.map("flash", 0x00000000, 0x10000, flash.socket);
    router.map("sram", 0x20000000, 0x8000, sram.socket);
    sc_core::sc_start(sc_core::SC_ZERO_TIME);  // multi-sockets finish binding at elaboration end
  }
};

}  // namespace

TEST_CASE("router: decodes by address, sorted regardless of map order") {
  Router router("router");
  Memory a("a", 0x1000, MemoryKind::Ram), b("b", 0x1000, MemoryKind::Ram);
  router.map("high", 0x40000000, 0x1000, a.socket);
  router.map("low", 0x1000, 0x1000, b.socket);
  REQUIRE(router.regions().size() == 2);
  CHECK(router.regions()[0].name == "low");
  CHECK(router.decode(0x1000)->name == "low");
  CHECK(router.decode(0x1FFF)->name == "low");
  CHECK(router.decode(0x2000) == nullptr);
  CHECK(router.decode(0x0FFF) == nullptr);
  CHECK(router.decode(0x40000FFF)->name == "high");
}

TEST_CASE("router: an overlapping region is rejected naming both regions") {
  Router router("router");
  Memory a("a", 0x1000, MemoryKind::Ram), b("b", 0x1000, MemoryKind::Ram);
  router.map("flash", 0x0, 0x1000, a.socket);
  try {
    router.map("sram", 0x800, 0x1000, b.socket);
    FAIL("overlap accepted");
  } catch (const std::invalid_argument& e) {
    CHECK(std::string(e.what()) ==
          "region \"sram\" [0x00000800, 0x000017ff] overlaps \"flash\" [0x00000000, 0x00000fff]");
  }
}

TEST_CASE("router: unmapped and straddling accesses get TLM_ADDRESS_ERROR_RESPONSE") {
  Bus bus;
  tlm::tlm_response_status status;
  bus.cpu.read(0x10000000, 4, status);
  CHECK(status == tlm::TLM_ADDRESS_ERROR_RESPONSE);
  CHECK(bus.cpu.write(0x20008000, 1) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
  bus.cpu.read(0x20007FFE, 4, status);  // runs off the end of sram
  CHECK(status == tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

TEST_CASE("router: addresses reach targets as local offsets") {
  Bus bus;
  REQUIRE(bus.cpu.write(0x20000010, 0xCAFEF00D) == tlm::TLM_OK_RESPONSE);
  CHECK(bus.sram.data()[0x10] == 0x0D);
  CHECK(bus.sram.data()[0x13] == 0xCA);
  CHECK(bus.cpu.read32(0x20000010) == 0xCAFEF00D);
}

TEST_CASE("router: DMI ranges are translated to global addresses, invalidations back") {
  Bus bus;
  tlm::tlm_dmi dmi;
  REQUIRE(bus.cpu.dmi(0x20000100, dmi));
  CHECK(dmi.get_start_address() == 0x20000000);
  CHECK(dmi.get_end_address() == 0x20007FFF);
  CHECK(dmi.get_dmi_ptr() == bus.sram.data());
  CHECK(dmi.is_write_allowed());

  tlm::tlm_dmi rom;
  REQUIRE(bus.cpu.dmi(0x100, rom));
  CHECK(rom.is_read_allowed());
  CHECK_FALSE(rom.is_write_allowed());  // ROM: read-only DMI

  bus.sram.invalidate_direct_access(0x1000, 0x1FFF);
  REQUIRE(bus.cpu.invalidations.size() == 1);
  CHECK(bus.cpu.invalidations[0].first == 0x20001000);
  CHECK(bus.cpu.invalidations[0].second == 0x20001FFF);
  // "everything" from a target is clipped to its window.
  bus.sram.invalidate_direct_access(0, ~sc_dt::uint64{0});
  CHECK(bus.cpu.invalidations[1].first == 0x20000000);
  CHECK(bus.cpu.invalidations[1].second == 0x20007FFF);
}

TEST_CASE("router: debug transport is forwarded, cut short at the end of a region") {
  Bus bus;
  const std::uint8_t image[4] = {1, 2, 3, 4};
  std::uint8_t copy[4];
  std::memcpy(copy, image, 4);
  CHECK(bus.cpu.debug(tlm::TLM_WRITE_COMMAND, 0x0000FFFE, copy, 4) == 2);
  CHECK(bus.flash.data()[0xFFFE] == 1);
  CHECK(bus.flash.data()[0xFFFF] == 2);
  CHECK(bus.cpu.debug(tlm::TLM_READ_COMMAND, 0x30000000, copy, 4) == 0);
}

TEST_CASE("memory: ROM refuses bus writes with TLM_COMMAND_ERROR_RESPONSE, debug writes load") {
  Bus bus;
  CHECK(bus.cpu.write(0x100, 0x12345678) == tlm::TLM_COMMAND_ERROR_RESPONSE);
  CHECK(bus.flash.data()[0x100] == 0);
  std::uint8_t byte = 0x5A;
  CHECK(bus.cpu.debug(tlm::TLM_WRITE_COMMAND, 0x100, &byte, 1) == 1);
  CHECK(bus.cpu.read32(0x100) == 0x5A);
}
