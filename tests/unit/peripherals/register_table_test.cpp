// RegisterTable: size, alignment, byte lanes, access rights, reset. Exercised through a real
// device (the CMSDK UART), since that is what guests see.
#include <catch2/catch.hpp>

#include "peripherals/common/register_table.h"
#include "peripherals/uart/cmsdk_uart.h"
#include "tests/unit/peripherals/test_support.h"

using namespace anvil;

namespace {

tlm::tlm_response_status write(RegisterTable& table, std::uint64_t offset, std::uint32_t value,
                               unsigned size) {
  std::uint8_t bytes[4];
  for (unsigned i = 0; i < 4; ++i) bytes[i] = static_cast<std::uint8_t>(value >> (8 * i));
  tlm::tlm_generic_payload p;
  test::prepare(p, tlm::TLM_WRITE_COMMAND, 0, bytes, size);
  table.transport(p, offset);
  return p.get_response_status();
}

std::uint32_t read(RegisterTable& table, std::uint64_t offset, unsigned size,
                   tlm::tlm_response_status& status) {
  std::uint8_t bytes[4] = {};
  tlm::tlm_generic_payload p;
  test::prepare(p, tlm::TLM_READ_COMMAND, 0, bytes, size);
  table.transport(p, offset);
  status = p.get_response_status();
  std::uint32_t v = 0;
  for (unsigned i = 0; i < size; ++i) v |= std::uint32_t{bytes[i]} << (8 * i);
  return v;
}

}  // namespace

TEST_CASE("register table: wrong size and misaligned accesses are errors") {
  RegisterTable table("dev");
  table.add({.name = "CTRL", .offset = 0x8, .reset = 0x5});
  table.reset();
  tlm::tlm_response_status status;
  CHECK(read(table, 0x8, 4, status) == 5);
  CHECK(status == tlm::TLM_OK_RESPONSE);
  read(table, 0x8, 2, status);
  CHECK(status == tlm::TLM_GENERIC_ERROR_RESPONSE);
  CHECK(write(table, 0x8, 1, 1) == tlm::TLM_GENERIC_ERROR_RESPONSE);
  CHECK(write(table, 0xA, 1, 4) == tlm::TLM_BURST_ERROR_RESPONSE);  // spans past CTRL
  CHECK(read(table, 0x8, 4, status) == 5);                          // untouched
}

TEST_CASE("register table: narrow accesses use byte lanes, in the table's byte order") {
  RegisterTable little("le");
  little.add({.name = "R", .offset = 0, .reset = 0x11223344, .allow_narrow = true});
  little.reset();
  tlm::tlm_response_status status;
  CHECK(read(little, 1, 1, status) == 0x33);
  CHECK(read(little, 2, 2, status) == 0x1122);
  CHECK(write(little, 3, 0xAA, 1) == tlm::TLM_OK_RESPONSE);
  CHECK(read(little, 0, 4, status) == 0xAA223344);
  read(little, 1, 2, status);  // misaligned halfword
  CHECK(status == tlm::TLM_GENERIC_ERROR_RESPONSE);

  RegisterTable big("be", std::endian::big);
  big.add({.name = "R", .offset = 0, .reset = 0x11223344, .allow_narrow = true});
  big.reset();
  CHECK(read(big, 0, 1, status) == 0x11);
  CHECK(read(big, 3, 1, status) == 0x44);
}

TEST_CASE("register table: access rights, holes and overlaps") {
  RegisterTable table("dev");
  table.add({.name = "ID", .offset = 0, .reset = 7, .access = RegisterAccess::ReadOnly});
  table.add({.name = "GO", .offset = 4, .access = RegisterAccess::WriteOnly});
  CHECK_THROWS_WITH(table.add({.name = "X", .offset = 4}),
                    "dev: register X at 0x4 overlaps GO at 0x4");
  CHECK_THROWS_WITH(table.add({.name = "Y", .offset = 2}),
                    "dev: register Y at 0x2 is not aligned to its width");
  table.reset();
  tlm::tlm_response_status status;
  CHECK(write(table, 0, 1, 4) == tlm::TLM_GENERIC_ERROR_RESPONSE);
  read(table, 4, 4, status);
  CHECK(status == tlm::TLM_GENERIC_ERROR_RESPONSE);
  // A hole reads as zero by default (APB), or is an address error when asked.
  CHECK(read(table, 0x40, 4, status) == 0);
  CHECK(status == tlm::TLM_OK_RESPONSE);
  table.set_holes_are_errors(true);
  read(table, 0x40, 4, status);
  CHECK(status == tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

TEST_CASE("register table: a halfword write to a CMSDK UART register is a bus error") {
  test::TestInitiator cpu("cpu");
  CmsdkUart uart("uart", sc_core::sc_time(40, sc_core::SC_NS), std::make_unique<StringBackend>());
  cpu.socket.bind(uart.socket);
  CHECK(cpu.write(CmsdkUart::kCtrl, 1, 2) == tlm::TLM_GENERIC_ERROR_RESPONSE);
  CHECK(cpu.read32(CmsdkUart::kCtrl) == 0);
  CHECK(cpu.write(CmsdkUart::kData, 'A', 1) == tlm::TLM_OK_RESPONSE);  // DATA takes bytes
}
