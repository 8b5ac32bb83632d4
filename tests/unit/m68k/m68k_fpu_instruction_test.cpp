// The FPU's instructions on a core with flat RAM: operand formats and addressing, FPSR and
// FPIAR, conditionals, FMOVEM, FSAVE/FRESTORE, FP exception vectors and the 68040's
// unimplemented instructions. Opcodes were assembled with m68k-linux-gnu-as -m68040 (shown
// beside them); expected values come from the manuals (FPU UM, PRM, 040 UM) or the host.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstring>
#include <vector>

#include "cores/m68k/m68000.h"
#include "cores/m68k/m68000_core.h"
#include "cores/m68k/m68000_table.h"
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

constexpr std::uint32_t kDataAddress = 0x2000;

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
  bool run_until(std::uint32_t pc, unsigned limit) {
    for (unsigned i = 0; i < limit && cpu.pc() != pc; ++i) run(1);
    return cpu.pc() == pc;
  }
};

// A compiled kernel: tests/unit/m68k/m68k_fpu_kernel.c.txt built with
//   m68k-linux-gnu-gcc -m68000 -m68881 -O2 -ffast-math -fno-pic -S; as -m68020; objcopy -O binary
// (68000 integer code, 68881 FPU code), expected results printed by the same object linked
// into a static program run on qemu-m68k 7.2 -cpu m68020.
constexpr std::uint16_t kKernel[] = {
    0xF227, 0xE05C, 0x2F0A, 0x246F, 0x0038, 0x206F, 0x003C, 0x226F, 0x0040, 0xF212, 0x5400, 0xF22A,
    0x5480, 0x0008, 0xF22A, 0x5500, 0x0010, 0xF200, 0x0180, 0xF200, 0x05A3, 0xF200, 0x09A2, 0xF210,
    0x7580, 0xF200, 0x0184, 0xF228, 0x7580, 0x0008, 0xF200, 0x0200, 0xF200, 0x0620, 0xF200, 0x0A28,
    0xF228, 0x7600, 0x0010, 0xF200, 0x020E, 0xF200, 0x059D, 0xF200, 0x0E22, 0xF228, 0x7600, 0x0018,
    0xF200, 0x0A10, 0xF200, 0x0194, 0xF200, 0x0E23, 0xF228, 0x7600, 0x0020, 0xF200, 0x060A, 0xF200,
    0x0998, 0xF200, 0x0E28, 0xF228, 0x7600, 0x0028, 0xF200, 0x0200, 0xF23C, 0x5623, 0x408F, 0x4000,
    0x0000, 0x0000, 0xF200, 0x1203, 0xF201, 0x6200, 0x2281, 0xF200, 0x0438, 0xF240, 0x0014, 0x4880,
    0x48C0, 0x4480, 0x2340, 0x0004, 0xF200, 0x0838, 0xF293, 0x008C, 0x7007, 0x2340, 0x0008, 0xF200,
    0x6400, 0xF200, 0x4580, 0xF23C, 0x45A7, 0x4040, 0x0000, 0xF228, 0x7580, 0x0030, 0xF200, 0x0200,
    0xF200, 0x0621, 0xF200, 0x0981, 0xF200, 0x0300, 0xF200, 0x0725, 0xF200, 0x0E22, 0xF200, 0x1A22,
    0xF228, 0x7600, 0x0038, 0xF200, 0x0189, 0xF200, 0x0615, 0xF200, 0x001E, 0xF200, 0x08A6, 0xF200,
    0x11A2, 0xF200, 0x0C22, 0xF200, 0x0422, 0xF228, 0x7400, 0x0040, 0xF200, 0x0903, 0xF200, 0x6100,
    0xF23C, 0x5400, 0x3FC2, 0x4924, 0x9249, 0x2492, 0xF201, 0x4023, 0xF200, 0x4022, 0xF228, 0x7400,
    0x0048, 0x245F, 0xF21F, 0xD03A, 0x4E75, 0x7009, 0x2340, 0x0008, 0xF200, 0x6400, 0xF200, 0x4580,
    0xF23C, 0x45A7, 0x4040, 0x0000, 0xF228, 0x7580, 0x0030, 0xF200, 0x0200, 0xF200, 0x0621, 0xF200,
    0x0981, 0xF200, 0x0300, 0xF200, 0x0725, 0xF200, 0x0E22, 0xF200, 0x1A22, 0xF228, 0x7600, 0x0038,
    0xF200, 0x0189, 0xF200, 0x0615, 0xF200, 0x001E, 0xF200, 0x08A6, 0xF200, 0x11A2, 0xF200, 0x0C22,
    0xF200, 0x0422, 0xF228, 0x7400, 0x0040, 0xF200, 0x0903, 0xF200, 0x6100, 0xF23C, 0x5400, 0x3FC2,
    0x4924, 0x9249, 0x2492, 0xF201, 0x4023, 0xF200, 0x4022, 0xF228, 0x7400, 0x0048, 0x245F, 0xF21F,
    0xD03A, 0x4E75,
};
constexpr std::uint64_t kKernelDoubles[] = {
    0x3fe4000000000000ull,  // 0.625
    0x3ff94c583ada5b53ull,  // 1.5811388300841898
    0x4012555555555555ull,  // 4.583333333333333
    0x3ff54856ea1275e8ull,  // 1.3301610129777774
    0x3fd0cd27c642bbc5ull,  // 0.2625216900004797
    0xbfe368705cd9611full,  // -0.60649889120671563
    0x401e000000000000ull,  // 7.5
    0xbfe0000000000000ull,  // -0.5
    0x4001e4b62824b8b0ull,  // 2.2366755615431302
    0x4076424924924924ull,  // 356.14285714285711
};
constexpr std::int32_t kKernelIntegers[] = {2500, 0, 9};

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
  m.cpu.a[0] = kDataAddress;
  m.run(4);
  CHECK(m.cpu.d[0] == 7);
  CHECK(value(m.cpu.fpu.fp[0]) == 7.0L);
  CHECK(m.cpu.fpu.fpiar == kCode + 0x14);  // the FMOVE out: it can raise exceptions
  m.run(2);
  CHECK(m.ram.longword(kDataAddress) == 0x400921FB);  // pi as a double (IEEE 754)
  CHECK(m.ram.longword(kDataAddress + 4) == 0x54442D18);
  CHECK((m.cpu.fpu.fpsr & 0xFF00) == kFpInex2);  // the double is not pi
  CHECK((m.cpu.fpu.fpsr & 0xF8) == 0x08);        // accrued INEX
  m.run(1);
  CHECK(m.cpu.a[0] == kDataAddress + 12);
  CHECK(m.ram.longword(kDataAddress) == 0x40000000);  // FPU UM 3.1.4: sign/exponent, 16 zero bits
  CHECK(m.ram.longword(kDataAddress + 4) == 0xC90FDAA2);
  CHECK(m.ram.longword(kDataAddress + 8) == 0x2168C235);
  m.run(1);
  CHECK(value(m.cpu.fpu.fp[5]) == 1.5L);
  CHECK(m.cpu.pc() == kCode + 0x2C);
}

TEST_CASE("FCMP sets the condition codes FBcc and FScc test, and FDBcc counts", "[m68k][fpu]") {
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

TEST_CASE("FSAVE writes NULL then IDLE frames, FRESTORE of NULL resets, both privileged",
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
  CHECK(m.ram.longword(m.sp()) == 0x1F380000);         // 68882 IDLE frame: version $1F, size $38
  CHECK(m.ram.longword(m.sp() + 0x38) == 0x08000000);  // BIU flags: nothing pending
  m.run(1);
  CHECK(m.sp() == kStack - 4);
  CHECK(value(m.cpu.fpu.fp[0]) == 3.0L);
  m.cpu.fpu.fpcr = 0x10;
  m.cpu.fpu.internal.exception_pending = true;
  m.run(1);
  CHECK(m.sp() == kStack);
  CHECK(m.cpu.fpu.fpcr == 0);
  CHECK_FALSE(m.cpu.fpu.internal.exception_pending);  // the reset state: nothing pending
  CHECK(m.cpu.fpu.fp[0] == kResetNan);
  m.run(2);
  CHECK(m.cpu.pc() == handler(8));  // privilege violation
}

TEST_CASE("an enabled FP exception traps to vectors 48-54 at the next FP instruction",
          "[m68k][fpu]") {
  Machine m(FpuModel::Mc68881);
  m.boot({
      0xF23C, 0x9000, 0x0000, 0x0400,  // fmove.l #$400,fpcr: DZ enabled
      0xF23C, 0x4020, 0x0000, 0x0000,  // fdiv.l #0,fp0
      0x7001,                          // moveq #1,d0: the integer unit goes on
      0xF280, 0x0000,                  // fnop: reports the pending DZ before it runs
  });
  m.cpu.fpu.fp[0] = from_host(1.0L);
  m.run(3);
  CHECK(m.cpu.d[0] == 1);  // FPU UM 6.1: the 68881 reports it pre-instruction
  CHECK(m.cpu.fpu.internal.exception_pending);
  m.run(1);
  CHECK(m.cpu.pc() == handler(50));                    // DZ (FPU UM 6.1)
  CHECK(m.ram.longword(m.sp() + 2) == kCode + 18);     // the FNOP, which RTE runs again
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
  m.cpu.a[0] = kDataAddress;
  m.cpu.fpu.fp[0] = from_host(123.456L);
  m.run(1);
  CHECK(m.ram.longword(kDataAddress) == 0x00020001);  // +1.2346E+002 (PRM 1.6.6)
  CHECK(m.ram.longword(kDataAddress + 4) == 0x23460000);
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
      CHECK(m.cpu.pc() == handler(11));                // F-line (040 UM 9.x)
      CHECK(m.ram.longword(m.sp() + 2) == kCode + 4);  // past it: the FPSP finishes it
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
  m.cpu.a[0] = kDataAddress;
  m.run(1);
  CHECK(m.cpu.pc() == handler(55));                // unimplemented data type (040 UM 9.x)
  CHECK(m.ram.longword(m.sp() + 2) == kCode + 4);  // past it: the FPSP finishes it
  Machine denormal(FpuModel::Mc68040);
  denormal.boot({
      0xF210, 0x4400,  // fmove.s (a0),fp0
  });
  denormal.cpu.a[0] = kDataAddress;
  denormal.ram.program(kDataAddress, {0x0000, 0x0001});  // the smallest single denormal
  denormal.run(1);
  CHECK(denormal.cpu.pc() == handler(55));
  Machine emulated(FpuModel::Mc68040, true);  // Linux user mode: the FPSP's work done here
  emulated.boot({0xF210, 0x4400});
  emulated.cpu.a[0] = kDataAddress;
  emulated.ram.program(kDataAddress, {0x0000, 0x0001});
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

TEST_CASE("a gcc-compiled 68881 kernel computes what it computes on qemu", "[m68k][fpu]") {
  Machine m(FpuModel::Mc68881);
  constexpr std::uint32_t kKernelAt = 0x3000, kIn = 0x2000, kOut = 0x2100, kInts = 0x2200;
  for (std::size_t i = 0; i < std::size(kKernel); ++i)
    m.ram.word(static_cast<std::uint32_t>(kKernelAt + 2 * i), kKernel[i]);
  const double inputs[] = {2.5, 0.75, -1.25};
  for (unsigned i = 0; i < 3; ++i) {
    const auto bits = std::bit_cast<std::uint64_t>(inputs[i]);
    for (unsigned w = 0; w < 4; ++w)
      m.ram.word(kIn + 8 * i + 2 * w, static_cast<std::uint16_t>(bits >> (48 - 16 * w)));
  }
  m.boot({
      0x4879, 0x0000, kInts,      // pea ints
      0x4879, 0x0000, kOut,       // pea out
      0x4879, 0x0000, kIn,        // pea in
      0x4EB9, 0x0000, kKernelAt,  // jsr kernel
      0x60FE,                     // bra.s *
  });
  REQUIRE(m.run_until(kCode + 24, 1000));
  for (unsigned i = 0; i < std::size(kKernelDoubles); ++i) {
    INFO("out[" << i << "]");
    const std::uint64_t bits =
        (std::uint64_t{m.ram.longword(kOut + 8 * i)} << 32) | m.ram.longword(kOut + 8 * i + 4);
    CHECK(bits == kKernelDoubles[i]);
  }
  for (unsigned i = 0; i < std::size(kKernelIntegers); ++i)
    CHECK(static_cast<std::int32_t>(m.ram.longword(kInts + 4 * i)) == kKernelIntegers[i]);
}

TEST_CASE("integer stores round, saturate with OPERR, and an enabled OPERR writes nothing",
          "[m68k][fpu]") {
  Machine m(FpuModel::Mc68882);
  m.boot({
      0xF23C, 0x5800, 0xFFFB,          // fmove.b #-5,fp0
      0xF201, 0x7000,                  // fmove.w fp0,d1
      0xF210, 0x7080,                  // fmove.w fp1,(a0)
      0xF23C, 0x9000, 0x0000, 0x2000,  // fmove.l #$2000,fpcr: OPERR enabled
      0xF210, 0x7080,                  // fmove.w fp1,(a0)
      0xF280, 0x0000,                  // fnop: takes the pending OPERR
  });
  m.cpu.a[0] = kDataAddress;
  m.cpu.d[1] = 0x12340000;
  m.cpu.fpu.fp[1] = from_host(1e6L);
  m.run(2);
  CHECK(value(m.cpu.fpu.fp[0]) == -5.0L);
  CHECK(m.cpu.d[1] == 0x1234FFFB);  // the word only
  m.run(1);
  CHECK(m.ram.word(kDataAddress) == 0x7FFF);  // the largest word (FPU UM 4.5, OPERR)
  CHECK((m.cpu.fpu.fpsr & 0xFF00) == kFpOperr);
  CHECK((m.cpu.fpu.fpsr & 0x80) == 0x80);  // accrued IOP
  m.ram.word(kDataAddress, 0x1111);
  m.run(3);
  CHECK(m.cpu.pc() == handler(52));
  CHECK(m.ram.word(kDataAddress) == 0x1111);
}

TEST_CASE("FMOVEM with dynamic lists and of all control registers from an immediate",
          "[m68k][fpu]") {
  Machine m(FpuModel::Mc68881);
  m.boot({
      0xF23C, 0x9C00, 0x0000, 0x0010, 0x0F00, 0x0000, 0x0000,
      0x1234,          // fmovem.l #..,fpcr/fpsr/fpiar
      0xF227, 0xE820,  // fmovem.x d2,-(a7)
      0xF21F, 0xD820,  // fmovem.x (a7)+,d2
  });
  m.run(1);
  CHECK(m.cpu.fpu.fpcr == 0x10);
  CHECK(m.cpu.fpu.fpsr == 0x0F000000);
  CHECK(m.cpu.fpu.fpiar == 0x1234);
  m.cpu.fpu.fp[0] = from_host(1.0L);
  m.cpu.fpu.fp[2] = from_host(3.0L);
  m.cpu.d[2] = 0x05;  // -(An) list: bit 0 is FP0, bit 2 FP2
  m.run(1);
  REQUIRE(m.sp() == kStack - 24);
  CHECK(m.ram.longword(kStack - 24) == 0x3FFF0000);
  CHECK(m.ram.longword(kStack - 12) == 0x40000000);
  CHECK(m.ram.longword(kStack - 8) == 0xC0000000);
  m.cpu.fpu.fp[0] = m.cpu.fpu.fp[2] = kResetNan;
  m.cpu.d[2] = 0xA0;  // (An)+ list: bit 7 is FP0, bit 5 FP2
  m.run(1);
  CHECK(m.sp() == kStack);
  CHECK(value(m.cpu.fpu.fp[0]) == 1.0L);
  CHECK(value(m.cpu.fpu.fp[2]) == 3.0L);
}

TEST_CASE("an unordered FBcc.L takes its 32-bit branch, flagging BSUN without a trap",
          "[m68k][fpu]") {
  Machine m(FpuModel::Mc68881);
  m.boot({
      0xF200, 0x0438,          // 00 fcmp.x fp1,fp0 (fp0 is a NaN)
      0xF2D8, 0x0000, 0x00FE,  // 04 fbngle.l 104
  });
  m.cpu.fpu.fp[1] = from_host(1.0L);
  m.run(2);
  CHECK(m.cpu.pc() == kCode + 0x104);
  CHECK((m.cpu.fpu.fpsr & 0xFF00) == kFpBsun);  // NGLE asks for BSUN on unordered
  CHECK((m.cpu.fpu.fpsr & 0x80) == 0x80);       // accrued IOP
}

TEST_CASE("FSINCOS writes both registers and FMOVECR rounds per FPCR", "[m68k][fpu]") {
  Machine m(FpuModel::Mc68882);
  m.boot({
      0xF200, 0x0233,                  // fsincos.x fp0,fp3:fp4
      0xF23C, 0x9000, 0x0000, 0x0010,  // fmove.l #$10,fpcr: round toward zero
      0xF200, 0x5D00,                  // fmovecr #0,fp2
  });
  m.cpu.fpu.fp[0] = from_host(0.5L);
  m.run(1);
  CHECK(value(m.cpu.fpu.fp[3]) == cosl(0.5L));
  CHECK(value(m.cpu.fpu.fp[4]) == sinl(0.5L));
  m.run(2);
  CHECK(m.cpu.fpu.fp[2] == Extended80{0x4000, 0xC90FDAA22168C234});  // pi, truncated
}
