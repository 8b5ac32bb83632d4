// Bus faults on the 68020/68030 (formats $A and $B) and the 68040 (format $7) and what RTE
// does with their frames: a faulted write reruns while the SSW's DF bit is set and is
// skipped once software cleared it; a read software completed (DF cleared, data in the data
// input buffer) hands that data to the instruction; the 68040 performs the writebacks still
// valid. References: 020 UM = MC68020 User's Manual 6.4.4-6.4.5 (SSW: DF bit 8, RW bit 6,
// SIZE bits 5-4, FC bits 2-0; fault address at +$10, data output buffer at +$18, data input
// buffer at +$2C); 040 UM = MC68040 User's Manual 8.4.6 (format $7: SSW at +$0C, WB3S at
// +$0E, fault address at +$14, WB3A/WB3D at +$18/+$1C). Opcodes assembled with
// m68k-linux-gnu-as -m68040.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "cores/m68k/m68000.h"
#include "cores/m68k/m68000_core.h"
#include "tests/unit/m68k/m68k_test_ram.h"

using namespace anvil;
using namespace anvil::m68k;

namespace {

using testing::handler;
using testing::kCode;
using testing::kStack;

constexpr std::uint32_t kHole = 0x3000;  // faults while `hole` is set, like an unmapped page
constexpr std::uint32_t kBusErrorHandler = 0x4000;

// RAM with one long at kHole that answers with a bus error until the test "maps" it.
class HoleRam final : public BusBackend {
 public:
  testing::Ram ram;
  bool hole = true;
  BusStatus transport(Access kind, Addr addr, std::uint8_t* data, unsigned size,
                      Cycles& delay) override {
    if (hole && addr < kHole + 4 && addr + size > kHole) return BusStatus::AddressError;
    return ram.transport(kind, addr, data, size, delay);
  }
  unsigned debug_transport(bool is_write, Addr addr, std::uint8_t* data, unsigned size) override {
    return ram.debug_transport(is_write, addr, data, size);
  }
};

struct Machine {
  HoleRam memory;
  MemoryPort port{memory, std::endian::big, 32};
  std::unique_ptr<M68000> owner;
  M68000Core* cpu = nullptr;
  // `handler`: the bus error handler's code (an RTE by default).
  Machine(const std::string& model, std::initializer_list<std::uint16_t> program,
          std::initializer_list<std::uint16_t> handler = {0x4E73}) {
    testing::Ram& ram = memory.ram;
    ram.longword(0, kStack);
    ram.longword(4, kCode);
    ram.longword(kVectorBusError * 4, kBusErrorHandler);
    ram.program(kCode, program);
    ram.program(kBusErrorHandler, handler);
    M68000Config config;
    config.model = model;
    owner = create_m68000(config, port);
    cpu = static_cast<M68000Core*>(owner.get());
    cpu->reset();
    cpu->a[0] = kHole;
    cpu->d[0] = 0x11223344;
  }
  void steps(unsigned n) {
    for (unsigned i = 0; i < n; ++i) cpu->step();
  }
  // Runs until the PC reaches `pc` (at most `limit` steps).
  bool run_to(std::uint32_t pc, unsigned limit = 8) {
    for (unsigned i = 0; i < limit && cpu->pc() != pc; ++i) cpu->step();
    return cpu->pc() == pc;
  }
  std::uint32_t top() const { return cpu->a[7]; }
  std::uint16_t word(std::uint32_t a) const { return memory.ram.word(a); }
  std::uint32_t longword(std::uint32_t a) const { return memory.ram.longword(a); }
};

constexpr std::uint16_t kMoveD0ToA0 = 0x2080;  // move.l d0,(a0)
constexpr std::uint16_t kMoveA0ToD0 = 0x2010;  // move.l (a0),d0
constexpr std::uint16_t kMoveq7D1 = 0x7207;    // moveq #7,d1

}  // namespace

TEST_CASE("68020/68030: a faulted write stacks format $A and RTE reruns it while DF is set",
          "[m68k][68020][bus-fault]") {
  for (const char* model : {"68020", "68030"}) {
    INFO(model);
    Machine m(model, {kMoveD0ToA0, kMoveq7D1});
    REQUIRE(m.run_to(kBusErrorHandler));
    CHECK(m.top() == kStack - 32);                  // 16 words (020 UM 6.4.4)
    CHECK(m.word(m.top() + 6) == 0xA008);           // format $A, vector 2
    CHECK(m.longword(m.top() + 2) == kCode);        // the faulting instruction
    CHECK(m.word(m.top() + 10) == 0x0105);          // DF, write, long, supervisor data
    CHECK(m.longword(m.top() + 16) == kHole);       // data cycle fault address
    CHECK(m.longword(m.top() + 24) == 0x11223344);  // data output buffer
    m.memory.hole = false;                          // the handler "maps the page"
    m.steps(1);  // RTE: the write runs again, and the program goes on after it
    CHECK(m.longword(kHole) == 0x11223344);
    CHECK(m.cpu->pc() == kCode + 2);
    CHECK(m.top() == kStack);
    m.steps(1);
    CHECK(m.cpu->d[1] == 7);
  }
}

TEST_CASE("68020: a write the handler completed (DF cleared) is not rerun by RTE",
          "[m68k][68020][bus-fault]") {
  // Handler: bclr #0,10(a7) (SSW bit 8, DF); rte.
  Machine m("68020", {kMoveD0ToA0, kMoveq7D1}, {0x08AF, 0x0000, 0x000A, 0x4E73});
  REQUIRE(m.run_to(kBusErrorHandler));
  m.steps(2);
  CHECK(m.cpu->pc() == kCode + 2);  // past the MOVE, with the hole still there: no new fault
  CHECK(m.top() == kStack);
  m.steps(1);
  CHECK(m.cpu->d[1] == 7);
  CHECK(m.longword(kHole) == 0);
}

TEST_CASE("68020: a faulted read stacks format $B; with DF cleared the data input buffer is read",
          "[m68k][68020][bus-fault]") {
  SECTION("the handler supplies the data") {
    // Handler: move.l #$12345678,44(a7) (data input buffer); bclr #0,10(a7); rte.
    Machine m("68020", {kMoveA0ToD0, kMoveq7D1},
              {0x2F7C, 0x1234, 0x5678, 0x002C, 0x08AF, 0x0000, 0x000A, 0x4E73});
    REQUIRE(m.run_to(kBusErrorHandler));
    CHECK(m.top() == kStack - 92);  // 46 words (020 UM 6.4.5)
    CHECK(m.word(m.top() + 6) == 0xB008);
    CHECK(m.longword(m.top() + 2) == kCode);
    CHECK(m.word(m.top() + 10) == 0x0145);  // DF, read, long, supervisor data
    CHECK(m.longword(m.top() + 16) == kHole);
    m.steps(3);
    CHECK(m.cpu->pc() == kCode);  // the MOVE again, which takes the buffer's data
    m.steps(1);
    CHECK(m.cpu->d[0] == 0x12345678);
    CHECK(m.cpu->pc() == kCode + 2);
    CHECK(m.top() == kStack);
  }
  SECTION("DF still set: the read runs again") {
    Machine m("68020", {kMoveA0ToD0, kMoveq7D1});
    REQUIRE(m.run_to(kBusErrorHandler));
    m.memory.hole = false;
    m.memory.ram.longword(kHole, 0xCAFEBABE);
    m.steps(2);  // rte, move
    CHECK(m.cpu->d[0] == 0xCAFEBABE);
    CHECK(m.cpu->pc() == kCode + 2);
  }
}

TEST_CASE("68040: a faulted write waits in WB3 of the format $7 frame; RTE performs it if valid",
          "[m68k][68040][bus-fault]") {
  SECTION("left valid: RTE writes it") {
    Machine m("68040", {kMoveD0ToA0, kMoveq7D1});
    REQUIRE(m.run_to(kBusErrorHandler));
    CHECK(m.top() == kStack - 60);  // 30 words (040 UM 8.4.6)
    CHECK(m.word(m.top() + 6) == 0x7008);
    CHECK(m.longword(m.top() + 2) == kCode + 2);    // the MOVE completed: the next instruction
    CHECK(m.word(m.top() + 12) == 0x0005);          // SSW: write, long, TM supervisor data
    CHECK(m.longword(m.top() + 20) == kHole);       // fault address
    CHECK(m.word(m.top() + 14) == 0x0085);          // WB3S: valid, long, supervisor data
    CHECK(m.longword(m.top() + 24) == kHole);       // WB3A
    CHECK(m.longword(m.top() + 28) == 0x11223344);  // WB3D
    m.memory.hole = false;
    m.steps(1);
    CHECK(m.longword(kHole) == 0x11223344);
    CHECK(m.cpu->pc() == kCode + 2);
    CHECK(m.top() == kStack);
  }
  SECTION("software did it and cleared WB3S: RTE leaves it") {
    // Handler: clr.w 14(a7); rte.
    Machine m("68040", {kMoveD0ToA0, kMoveq7D1}, {0x426F, 0x000E, 0x4E73});
    REQUIRE(m.run_to(kBusErrorHandler));
    m.steps(2);
    CHECK(m.cpu->pc() == kCode + 2);  // the hole is still there: no second fault
    m.steps(1);
    CHECK(m.cpu->d[1] == 7);
  }
}
