// The FPU's instructions on a core with flat RAM: operand formats and addressing, FPSR and
// FPIAR, conditionals, FMOVEM, FSAVE/FRESTORE, FP exception vectors and the 68040's
// unimplemented instructions. Opcodes were assembled with m68k-linux-gnu-as -m68040 (shown
// beside them); expected values come from the manuals (FPU UM, PRM, 040 UM) or the host.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <vector>

#include "cores/m68k/m68000.h"
#include "cores/m68k/m68000_core.h"
#include "cores/m68k/m68000_table.h"
#include "cores/m68k/m68k_fpu.h"
#include "cores/m68k/m68k_fpu_float.h"

using namespace anvil;
using namespace anvil::m68k;

namespace {

class Ram final : public BusBackend {
 public:
  std::vector<std::uint8_t> bytes = std::vector<std::uint8_t>(1 << 20);
  BusStatus transport(Access kind, Addr addr, std::uint8_t* data, unsigned size,
                      Cycles& delay) override {
    delay = 0;
    if (addr + size > bytes.size()) return BusStatus::AddressError;
    if (kind == Access::Store)
      std::memcpy(&bytes[addr], data, size);
    else
      std::memcpy(data, &bytes[addr], size);
    return BusStatus::Ok;
  }
  unsigned debug_transport(bool is_write, Addr addr, std::uint8_t* data, unsigned size) override {
    if (addr + size > bytes.size()) return 0;
    if (is_write)
      std::memcpy(&bytes[addr], data, size);
    else
      std::memcpy(data, &bytes[addr], size);
    return size;
  }
  void word(std::uint32_t a, std::uint16_t v) {
    bytes[a] = static_cast<std::uint8_t>(v >> 8);
    bytes[a + 1] = static_cast<std::uint8_t>(v);
  }
  std::uint16_t word(std::uint32_t a) const {
    return static_cast<std::uint16_t>((bytes[a] << 8) | bytes[a + 1]);
  }
  std::uint32_t longword(std::uint32_t a) const {
    return (std::uint32_t{word(a)} << 16) | word(a + 2);
  }
  void program(std::uint32_t at, std::initializer_list<std::uint16_t> words) {
    for (std::uint16_t w : words) {
      word(at, w);
      at += 2;
    }
  }
};

constexpr std::uint32_t kStack = 0x8000;
constexpr std::uint32_t kCode = 0x1000;
constexpr std::uint32_t kData = 0x2000;
constexpr std::uint32_t handler(unsigned vector) {
  return 0x4000 + vector * 16;
}

// A 68000 core whose FPU instructions go to fpu_execute with the model under test (the
// variant tables that route them there are the integrator's; see m68k_fpu_rows()).
struct Machine {
  Ram ram;
  MemoryPort port{ram, std::endian::big, 24};
  std::unique_ptr<M68000> owner;
  M68000Core& cpu;
  FpuOptions options;
  explicit Machine(FpuModel model, bool emulate = false)
      : owner(create_m68000(M68000Config{}, port)),
        cpu(static_cast<M68000Core&>(*owner)),
        options{model, emulate} {
    for (unsigned i = 0; i < 4; ++i)
      ram.bytes[i] = static_cast<std::uint8_t>(kStack >> (24 - 8 * i));
    for (unsigned i = 0; i < 4; ++i)
      ram.bytes[4 + i] = static_cast<std::uint8_t>(kCode >> (24 - 8 * i));
    for (unsigned v = 2; v < 64; ++v) {
      ram.word(v * 4, 0);
      ram.word(v * 4 + 2, static_cast<std::uint16_t>(handler(v)));
    }
    fpu_reset(cpu.fpu);
  }
  void boot(std::initializer_list<std::uint16_t> words) {
    ram.program(kCode, words);
    cpu.reset();
  }
  void run(unsigned instructions) {
    for (unsigned i = 0; i < instructions; ++i) {
      const std::uint16_t opcode = cpu.ird();
      if ((opcode & 0xFE00) != 0xF200) {
        cpu.step();
        continue;
      }
      cpu.set_architectural_state(cpu.architectural_state());  // the instruction's own PC
      fpu_execute(cpu, opcode, options);
    }
  }
  std::uint32_t sp() const { return cpu.a[7]; }
};

long double value(const Extended80& x) {
  return to_host(x);
}

}  // namespace

TEST_CASE("FMOVE in and out, FADD, FMOVECR, and FPIAR", "[m68k][fpu]") {
  Machine m(FpuModel::Mc68882);
  m.boot({
      0xF23C, 0x4000, 0x0000, 0x0003,  // fmove.l #3,fp0
      0xF23C, 0x4080, 0x0000, 0x0004,  // fmove.l #4,fp1
      0xF200, 0x0422,                  // fadd.x fp1,fp0
      0xF200, 0x6000,                  // fmove.l fp0,d0
      0xF200, 0x5D00,                  // fmovecr #0,fp2
      0xF210, 0x7500,                  // fmove.d fp2,(a0)
      0xF218, 0x6900,                  // fmove.x fp2,(a0)+
      0xF23C, 0x4680, 0x3FC0, 0x0000,  // fmove.s #1.5,fp5
  });
  m.cpu.a[0] = kData;
  m.run(4);
  CHECK(m.cpu.d[0] == 7);
  CHECK(value(m.cpu.fpu.fp[0]) == 7.0L);
  CHECK(m.cpu.fpu.fpiar == kCode + 0x14);  // the FMOVE out: it can raise exceptions
  m.run(2);
  CHECK(m.ram.longword(kData) == 0x400921FB);  // pi as a double (IEEE 754)
  CHECK(m.ram.longword(kData + 4) == 0x54442D18);
  CHECK((m.cpu.fpu.fpsr & 0xFF00) == kFpInex2);  // the double is not pi
  CHECK((m.cpu.fpu.fpsr & 0xF8) == 0x08);        // accrued INEX
  m.run(1);
  CHECK(m.cpu.a[0] == kData + 12);
  CHECK(m.ram.longword(kData) == 0x40000000);  // FPU UM 3.1.4: sign/exponent, 16 zero bits
  CHECK(m.ram.longword(kData + 4) == 0xC90FDAA2);
  CHECK(m.ram.longword(kData + 8) == 0x2168C235);
  m.run(1);
  CHECK(value(m.cpu.fpu.fp[5]) == 1.5L);
  CHECK(m.cpu.pc() == kCode + 0x2C);
}

TEST_CASE("FCMP sets the condition codes FBcc and FScc test; FDBcc counts", "[m68k][fpu]") {
  Machine m(FpuModel::Mc68881);
  m.boot({
      0xF23C, 0x4000, 0x0000, 0x0003,  // 00 fmove.l #3,fp0
      0xF23C, 0x4080, 0x0000, 0x0004,  // 08 fmove.l #4,fp1
      0xF200, 0x0438,                  // 10 fcmp.x fp1,fp0: 3 - 4 < 0
      0xF292, 0x0006,                  // 14 fbgt 1c (not taken)
      0xF294, 0x0006,                  // 18 fblt 20 (taken)
      0x7001,                          // 1c moveq #1,d0
      0x4E71,                          // 1e nop
      0x7002,                          // 20 moveq #2,d0
      0xF243, 0x0014,                  // 22 fslt d3
      0x7404,                          // 26 moveq #4,d2
      0x5283,                          // 28 addq.l #1,d3
      0xF24A, 0x0000, 0xFFFA,          // 2a fdbf d2,28
  });
  m.run(6);
  CHECK((m.cpu.fpu.fpsr & 0x0F000000) == kFpN);
  CHECK(m.cpu.d[0] == 2);
  m.run(1);
  CHECK((m.cpu.d[3] & 0xFF) == 0xFF);
  m.run(1 + 5 * 2);
  CHECK(m.cpu.d[3] == 0xFF + 5);  // FSLT left 0xFF; the loop ran Dn + 1 times
  CHECK((m.cpu.d[2] & 0xFFFF) == 0xFFFF);
  CHECK(m.cpu.pc() == kCode + 0x30);
}

TEST_CASE("FMOVEM moves FP registers as 12-byte images, predecrement reversed", "[m68k][fpu]") {
  Machine m(FpuModel::Mc68882);
  m.boot({
      0xF227, 0xE007,  // fmovem.x fp0-fp2,-(a7)
      0xF21F, 0xD0E0,  // fmovem.x (a7)+,fp0-fp2
      0xF227, 0xBC00,  // fmovem.l fpcr/fpsr/fpiar,-(a7)
  });
  m.cpu.fpu.fp[0] = from_host(1.0L);
  m.cpu.fpu.fp[1] = from_host(-2.0L);
  m.cpu.fpu.fp[2] = from_host(0.5L);
  m.run(1);
  REQUIRE(m.sp() == kStack - 36);
  CHECK(m.ram.longword(kStack - 36) == 0x3FFF0000);  // FP0 lowest (PRM FMOVEM)
  CHECK(m.ram.longword(kStack - 24) == 0xC0000000);
  CHECK(m.ram.longword(kStack - 12) == 0x3FFE0000);
  m.cpu.fpu.fp[0] = m.cpu.fpu.fp[1] = m.cpu.fpu.fp[2] = kResetNan;
  m.run(1);
  CHECK(m.sp() == kStack);
  CHECK(value(m.cpu.fpu.fp[0]) == 1.0L);
  CHECK(value(m.cpu.fpu.fp[1]) == -2.0L);
  CHECK(value(m.cpu.fpu.fp[2]) == 0.5L);
  m.cpu.fpu.fpcr = 0x0010;
  m.cpu.fpu.fpsr = 0x08000000;
  m.cpu.fpu.fpiar = 0x1234;
  m.run(1);
  CHECK(m.sp() == kStack - 12);
  CHECK(m.ram.longword(kStack - 12) == 0x0010);  // FPCR, FPSR, FPIAR upward
  CHECK(m.ram.longword(kStack - 8) == 0x08000000);
  CHECK(m.ram.longword(kStack - 4) == 0x1234);
}

TEST_CASE("FMOVE to and from the control registers, immediate and Dn", "[m68k][fpu]") {
  Machine m(FpuModel::Mc68881);
  m.boot({
      0xF23C, 0x9000, 0xFFFF, 0xFFFF,  // fmove.l #-1,fpcr
      0xF202, 0xA800,                  // fmove.l fpsr,d2
      0xF200, 0x9000,                  // fmove.l d0,fpcr
  });
  m.cpu.fpu.fpsr = 0x0F00FFF8;
  m.run(2);
  CHECK(m.cpu.fpu.fpcr == 0xFFF0);  // FPU UM 2.2.2: bits 15-4 only
  CHECK(m.cpu.d[2] == 0x0F00FFF8);
  m.cpu.d[0] = 0x20;  // round toward minus infinity
  m.run(1);
  CHECK(m.cpu.fpu.fpcr == 0x20);
}

TEST_CASE("FSAVE writes NULL then IDLE frames; FRESTORE of NULL resets; both privileged",
          "[m68k][fpu]") {
  Machine m(FpuModel::Mc68882);
  m.boot({
      0xF327,                          // fsave -(a7)
      0xF23C, 0x4000, 0x0000, 0x0003,  // fmove.l #3,fp0
      0xF327,                          // fsave -(a7)
      0xF35F,                          // frestore (a7)+
      0xF35F,                          // frestore (a7)+ (the NULL frame)
      0x46FC, 0x0000,                  // move #0,sr
      0xF327,                          // fsave -(a7): privileged
  });
  m.run(1);
  CHECK(m.sp() == kStack - 4);
  CHECK(m.ram.longword(kStack - 4) == 0);  // NULL frame (FPU UM 6.4.1)
  m.run(2);
  REQUIRE(m.sp() == kStack - 4 - 0x3C);
  CHECK(m.ram.longword(m.sp()) == 0x20380000);  // 68882 IDLE frame: version, size $38
  m.run(1);
  CHECK(m.sp() == kStack - 4);
  CHECK(value(m.cpu.fpu.fp[0]) == 3.0L);
  m.cpu.fpu.fpcr = 0x10;
  m.run(1);
  CHECK(m.sp() == kStack);
  CHECK(m.cpu.fpu.fpcr == 0);
  CHECK(m.cpu.fpu.fp[0] == kResetNan);
  m.run(2);
  CHECK(m.cpu.pc() == handler(8));  // privilege violation
}

TEST_CASE("enabled FP exceptions trap to vectors 48-54 after the instruction", "[m68k][fpu]") {
  Machine m(FpuModel::Mc68881);
  m.boot({
      0xF23C, 0x9000, 0x0000, 0x0400,  // fmove.l #$400,fpcr: DZ enabled
      0xF23C, 0x4020, 0x0000, 0x0000,  // fdiv.l #0,fp0
  });
  m.cpu.fpu.fp[0] = from_host(1.0L);
  m.run(2);
  CHECK(m.cpu.pc() == handler(50));  // DZ (FPU UM Table 6-?)
  CHECK(m.ram.longword(m.sp() + 2) == kCode + 16);
  CHECK((m.cpu.fpu.fpsr & 0xFFF8) == (kFpDz | 0x10));  // exception and accrued DZ
  CHECK(m.cpu.fpu.fpiar == kCode + 8);
}

TEST_CASE("BSUN traps an unordered IEEE-nonaware branch before it acts", "[m68k][fpu]") {
  Machine m(FpuModel::Mc68881);
  m.boot({
      0xF23C, 0x9000, 0x0000, 0x8000,  // fmove.l #$8000,fpcr: BSUN enabled
      0xF200, 0x003A,                  // ftst.x fp0 (a NaN)
      0xF292, 0x0010,                  // fbgt
  });
  m.run(3);
  CHECK(m.cpu.pc() == handler(48));
  CHECK(m.ram.longword(m.sp() + 2) == kCode + 12);  // the FBcc itself
  CHECK(m.cpu.fpu.fpsr & kFpBsun);
}

TEST_CASE("FTRAPcc traps to vector 7 when its condition holds", "[m68k][fpu]") {
  Machine m(FpuModel::Mc68881);
  m.boot({
      0xF200, 0x003A,  // ftst.x fp0
      0xF27C, 0x0012,  // ftrapgt
  });
  m.cpu.fpu.fp[0] = from_host(1.0L);
  m.run(2);
  CHECK(m.cpu.pc() == handler(7));
  CHECK(m.ram.longword(m.sp() + 2) == kCode + 8);
}

TEST_CASE("packed decimal FMOVE both ways", "[m68k][fpu]") {
  Machine m(FpuModel::Mc68882);
  m.boot({
      0xF210, 0x6C05,  // fmove.p fp0,(a0){#5}
      0xF210, 0x4C80,  // fmove.p (a0),fp1
  });
  m.cpu.a[0] = kData;
  m.cpu.fpu.fp[0] = from_host(123.456L);
  m.run(1);
  CHECK(m.ram.longword(kData) == 0x00020001);  // +1.2346E+002 (PRM 1.6.6)
  CHECK(m.ram.longword(kData + 4) == 0x23460000);
  m.run(1);
  CHECK(value(m.cpu.fpu.fp[1]) == 123.46L);
}

TEST_CASE("the 68040 traps its unimplemented instructions unless told to emulate them",
          "[m68k][fpu]") {
  for (bool emulate : {false, true}) {
    Machine m(FpuModel::Mc68040, emulate);
    m.boot({
        0xF200, 0x000E,  // fsin.x fp0
        0xF200, 0x00C0,  // fsmove.x fp0,fp1
    });
    m.cpu.fpu.fp[0] = from_host(0.5L);
    m.run(1);
    if (!emulate) {
      CHECK(m.cpu.pc() == handler(11));  // F-line (040 UM 9.x)
      CHECK(m.ram.longword(m.sp() + 2) == kCode);
      continue;
    }
    CHECK(value(m.cpu.fpu.fp[0]) == sinl(0.5L));
    m.run(1);
    CHECK(value(m.cpu.fpu.fp[1]) == static_cast<float>(sinl(0.5L)));
  }
  Machine m68881(FpuModel::Mc68881);
  m68881.boot({0xF200, 0x00C0});  // fsmove is the 68040's: undefined on the 68881
  m68881.run(1);
  CHECK(m68881.cpu.pc() == handler(11));
}

TEST_CASE("the 68040 leaves packed decimal and denormals to software (vector 55)", "[m68k][fpu]") {
  Machine m(FpuModel::Mc68040);
  m.boot({
      0xF210, 0x4C80,  // fmove.p (a0),fp1
  });
  m.cpu.a[0] = kData;
  m.run(1);
  CHECK(m.cpu.pc() == handler(55));  // unimplemented data type (040 UM 9.x)
  CHECK(m.ram.longword(m.sp() + 2) == kCode);
  Machine denormal(FpuModel::Mc68040);
  denormal.boot({
      0xF210, 0x4400,  // fmove.s (a0),fp0
  });
  denormal.cpu.a[0] = kData;
  denormal.ram.program(kData, {0x0000, 0x0001});  // the smallest single denormal
  denormal.run(1);
  CHECK(denormal.cpu.pc() == handler(55));
  Machine emulated(FpuModel::Mc68040, true);  // Linux user mode: the FPSP's work done here
  emulated.boot({0xF210, 0x4400});
  emulated.cpu.a[0] = kData;
  emulated.ram.program(kData, {0x0000, 0x0001});
  emulated.run(1);
  CHECK(value(emulated.cpu.fpu.fp[0]) == std::ldexp(1.0L, -149));
}

TEST_CASE("without an FPU the rows' handler is the F-line trap", "[m68k][fpu]") {
  Machine m(FpuModel::None);
  m.boot({0xF200, 0x0422});
  op_fpu(m.cpu, m.cpu.ird());  // the core's fpu_model() is None on a 68000
  CHECK(m.cpu.pc() == handler(11));
  // The rows cover exactly the coprocessor-1 types 000-101 (PRM 5).
  auto covered = [](std::uint16_t opcode) {
    for (const M68000Row& row : m68k_fpu_rows())
      if (row.pattern.matches(opcode)) return true;
    return false;
  };
  CHECK(covered(0xF200));
  CHECK(covered(0xF35F));
  CHECK(covered(0xF2FF));
  CHECK_FALSE(covered(0xF380));  // type 110
  CHECK_FALSE(covered(0xF400));  // coprocessor 2
}
