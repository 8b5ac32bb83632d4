// FP exceptions as the hardware reports them, on 68020 and 68040 cores: the 68881/68882's
// pre-instruction exception at the next FP instruction with its FSAVE IDLE frame, the
// handler's FSAVE / set bit 27 / FRESTORE / RTE sequence, and the 68040's format $2, $3 and
// $4 frames with its UNIMP FSAVE frame. Opcodes assembled with m68k-linux-gnu-as -m68040.
// References: FPU UM = MC68881/MC68882 User's Manual; 040 UM = MC68040 User's Manual;
// Motorola's 68040 FPSP (fpsp.h) for where software reads the UNIMP frame's fields.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "cores/m68k/m68000.h"
#include "cores/m68k/m68000_core.h"
#include "cores/m68k/m68k_fpu.h"
#include "cores/m68k/m68k_fpu_float.h"
#include "m68k_test_ram.h"

using namespace anvil;
using namespace anvil::m68k;

namespace {

using testing::handler;
using testing::kCode;
using testing::kStack;

using testing::Ram;

constexpr std::uint32_t kData = 0x2000;
constexpr unsigned kVectorOperr = 52, kVectorDz = 50, kVectorUnsupportedData = 55;

// A core of `model` (and FPU `fpu`) whose vector v handler sits at handler(v), an RTE
// unless the test writes another.
struct Machine {
  Ram ram;
  MemoryPort port{ram, std::endian::big, 32};
  std::unique_ptr<M68000> owner;
  M68000Core* cpu = nullptr;
  Machine(const std::string& model, const std::string& fpu,
          std::initializer_list<std::uint16_t> program) {
    ram.longword(0, kStack);
    ram.longword(4, kCode);
    for (unsigned v = 2; v < 64; ++v) {
      ram.longword(v * 4, handler(v));
      ram.word(handler(v), 0x4E73);  // rte
    }
    ram.program(kCode, program);
    M68000Config config;
    config.model = model;
    config.fpu = fpu;
    owner = create_m68000(config, port);
    cpu = static_cast<M68000Core*>(owner.get());
    cpu->reset();
    fpu_reset(cpu->fpu);
  }
  void steps(unsigned n) {
    for (unsigned i = 0; i < n; ++i) cpu->step();
  }
  std::uint32_t sp() const { return cpu->a[7]; }
  std::uint32_t pc() const { return static_cast<std::uint32_t>(cpu->pc()); }
};

Extended80 extended_at(const Ram& ram, std::uint32_t address) {
  return {ram.word(address),
          (std::uint64_t{ram.longword(address + 4)} << 32) | ram.longword(address + 8)};
}

}  // namespace

TEST_CASE("68881/68882: an enabled exception is taken at the next FP instruction, format $0",
          "[m68k][fpu][frames]") {
  // FPU UM 6.4.2: the IDLE frame is $18 (68881) or $38 (68882) bytes after its format word;
  // BIU flags last, the operand register and the exceptional operand before them.
  for (const auto& [fpu, format, size] :
       {std::tuple{"68881", 0x1F180000u, 0x18u}, {"68882", 0x1F380000u, 0x38u}}) {
    INFO(fpu);
    Machine m("68020", fpu,
              {
                  0xF23C, 0x9000, 0x0000, 0x2000,  // fmove.l #$2000,fpcr: OPERR enabled
                  0xF23C, 0x4004, 0xFFFF, 0xFFFC,  // fsqrt.l #-4,fp0: OPERR
                  0x7001,                          // moveq #1,d0
                  0xF200, 0x0080,                  // fmove.x fp0,fp1: reports it first
                  0x7402,                          // moveq #2,d2
              });
    // The handler: fsave -(a7); bset #3,size(a7) (bit 27 of the BIU flags: clear the
    // exception); frestore (a7)+; rte (FPU UM 6.4.2).
    m.ram.program(handler(kVectorOperr),
                  {0xF327, 0x08EF, 0x0003, static_cast<std::uint16_t>(size), 0xF35F, 0x4E73});
    m.steps(3);
    CHECK(m.cpu->d[0] == 1);  // the integer unit ran on past the FSQRT
    CHECK(m.cpu->fpu.internal.exception_pending);
    m.steps(1);
    REQUIRE(m.pc() == handler(kVectorOperr));
    // 020 UM 10, pre-instruction exception: format $0, the PC of the FP instruction that
    // found the exception pending.
    CHECK(m.sp() == kStack - 8);
    CHECK(m.ram.longword(kStack - 6) == kCode + 18);
    CHECK(m.ram.word(kStack - 2) == kVectorOperr * 4);
    m.steps(1);  // fsave -(a7)
    const std::uint32_t frame = m.sp();
    CHECK(frame == kStack - 8 - 4 - size);
    CHECK(m.ram.longword(frame) == format);
    CHECK(m.ram.longword(frame + 4) == 0x40040000);  // CMDREG: the FSQRT's command word
    // The exceptional operand for OPERR: the source, -4.0 as extended (FPU UM 6.1).
    CHECK(extended_at(m.ram, frame + size - 16) == Extended80{0xC001, 0x8000000000000000ull});
    CHECK(m.ram.longword(frame + size - 4) == 0xFFFFFFFC);  // operand register: last long
    CHECK(m.ram.longword(frame + size) == 0);               // bit 27 clear: pending
    CHECK_FALSE(m.cpu->fpu.internal.exception_pending);     // the frame holds it now
    m.steps(3);                                             // bset, frestore, rte
    CHECK(m.pc() == kCode + 18);
    CHECK(m.sp() == kStack);
    m.steps(2);  // the FMOVE runs this time, then the MOVEQ
    CHECK(m.cpu->d[2] == 2);
    CHECK(m.pc() == kCode + 24);
  }
}

TEST_CASE("68882: FRESTORE of an IDLE frame with bit 27 clear makes the exception pending again",
          "[m68k][fpu][frames]") {
  Machine m("68030", "68882",
            {
                0xF23C, 0x9000, 0x0000, 0x0400,  // fmove.l #$400,fpcr: DZ enabled
                0xF23C, 0x4020, 0x0000, 0x0000,  // fdiv.l #0,fp0
                0xF327,                          // fsave -(a7)
                0xF35F,                          // frestore (a7)+
                0xF22F, 0xA800, 0x0000,          // fmove.l fpsr,(0,a7): no report
                0xF280, 0x0000,                  // fnop: takes it
            });
  m.cpu->fpu.fp[0] = from_host(1.0L);
  m.steps(3);
  CHECK(m.ram.longword(m.sp() + 0x38) == 0);  // pending in the frame
  CHECK_FALSE(m.cpu->fpu.internal.exception_pending);
  m.steps(1);
  CHECK(m.cpu->fpu.internal.exception_pending);
  CHECK(m.sp() == kStack);
  m.steps(1);  // FMOVE of a control register does not report it (FPU UM 6.1)
  CHECK(m.pc() == kCode + 26);
  CHECK((m.ram.longword(kStack) & 0xFF00) == kFpDz);
  m.steps(1);
  CHECK(m.pc() == handler(kVectorDz));
  CHECK(m.ram.longword(m.sp() + 2) == kCode + 26);
}

TEST_CASE("68040: arithmetic exceptions stack the post-instruction format $3 frame",
          "[m68k][fpu][frames]") {
  Machine m("68040", "",
            {
                0xF23C, 0x9000, 0x0000, 0x0400,  // fmove.l #$400,fpcr: DZ enabled
                0xF210, 0x4020,                  // fdiv.l (a0),fp0
                0x4E71,                          // nop
            });
  m.cpu->a[0] = kData;  // holds 0
  m.cpu->fpu.fp[0] = from_host(1.0L);
  m.steps(2);
  REQUIRE(m.pc() == handler(kVectorDz));
  // 040 UM 8.4.3: SR, the next instruction's PC, $3 / vector offset, the effective address.
  CHECK(m.sp() == kStack - 12);
  CHECK(m.ram.longword(m.sp() + 2) == kCode + 12);
  CHECK(m.ram.word(m.sp() + 6) == (0x3000 | kVectorDz * 4));
  CHECK(m.ram.longword(m.sp() + 8) == kData);
  CHECK(is_infinity(m.cpu->fpu.fp[0]));  // the instruction completed
  m.steps(1);                            // rte pops the twelve bytes
  CHECK(m.pc() == kCode + 12);
  CHECK(m.sp() == kStack);
}

TEST_CASE("68040: unimplemented instructions stack format $2, data types format $4",
          "[m68k][fpu][frames]") {
  SECTION("FSIN (vector 11): format $2 with the effective address, then an UNIMP FSAVE frame") {
    Machine m("68040", "",
              {
                  0xF210, 0x480E,  // fsin.x (a0),fp0
                  0x4E71,          // nop
              });
    m.ram.program(kData, {0x3FFF, 0x0000, 0x8000, 0x0000, 0x0000, 0x0000});  // 1.0
    m.cpu->a[0] = kData;
    m.cpu->fpu.fp[0] = from_host(2.0L);
    // The handler: fsave -(a7); frestore (a7)+; rte.
    m.ram.program(handler(kVectorLineF), {0xF327, 0xF35F, 0x4E73});
    m.steps(1);
    REQUIRE(m.pc() == handler(kVectorLineF));
    // The FPSP tells this frame from a real F-line trap by $202C (fpsp.h UNIMP_VEC);
    // the address field is the effective address (040 UM 8.4.2).
    CHECK(m.ram.word(m.sp() + 6) == 0x202C);
    CHECK(m.ram.longword(m.sp() + 2) == kCode + 4);
    CHECK(m.ram.longword(m.sp() + 8) == kData);
    m.steps(1);  // fsave: the UNIMP frame, 48 bytes after its format word (fpsp.h)
    const std::uint32_t frame = m.sp();
    CHECK(frame == kStack - 12 - 52);
    CHECK(m.ram.longword(frame) == 0x41300000);
    CHECK(m.ram.word(frame + 16) == 0x480E);                   // CMDREG1B
    CHECK(m.ram.word(frame + 24) == 0x0400);                   // E_BYTE: E1
    CHECK(extended_at(m.ram, frame + 40) == from_host(1.0L));  // ETEMP: the source
    CHECK(extended_at(m.ram, frame + 28) == from_host(2.0L));  // FPTEMP: the destination
    m.steps(1);  // frestore (a7)+ steps over the whole frame
    CHECK(m.sp() == kStack - 12);
    m.steps(1);  // rte
    CHECK(m.pc() == kCode + 4);
    CHECK(m.sp() == kStack);
  }
  SECTION("a denormal single (vector 55): format $4, effective address and faulted PC") {
    Machine m("68040", "",
              {
                  0xF210, 0x4400,  // fmove.s (a0),fp0
                  0x4E71,          // nop
              });
    m.ram.program(kData, {0x0000, 0x0001});  // the smallest single denormal
    m.cpu->a[0] = kData;
    m.steps(1);
    REQUIRE(m.pc() == handler(kVectorUnsupportedData));
    // 040 UM 8.4.4: SR, next PC, $4 / vector offset, effective address, faulted PC.
    CHECK(m.sp() == kStack - 16);
    CHECK(m.ram.longword(m.sp() + 2) == kCode + 4);
    CHECK(m.ram.word(m.sp() + 6) == (0x4000 | kVectorUnsupportedData * 4));
    CHECK(m.ram.longword(m.sp() + 8) == kData);
    CHECK(m.ram.longword(m.sp() + 12) == kCode);
    m.steps(1);  // rte pops sixteen bytes
    CHECK(m.pc() == kCode + 4);
    CHECK(m.sp() == kStack);
  }
}
