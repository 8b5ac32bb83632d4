// The 68881/68882's execution times on a 68020/68030 (MC68881/MC68882 User's Manual section
// 8, cache case, no wait states): one step() of each instruction takes the manual's total.
// Opcodes assembled with m68k-linux-gnu-as -m68040.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "cores/m68k/m68000.h"
#include "cores/m68k/m68000_core.h"
#include "cores/m68k/m68k_fpu.h"
#include "m68k_test_ram.h"

using namespace anvil;
using namespace anvil::m68k;

namespace {

constexpr std::uint32_t kCode = 0x1000;

// Cycles of each of the program's instructions, one step() each, in supervisor mode.
std::vector<Cycles> step_cycles(const std::string& model, const std::string& fpu,
                                std::initializer_list<std::uint16_t> program, unsigned steps) {
  testing::Ram ram;
  MemoryPort port{ram, std::endian::big, 32};
  ram.longword(0, 0x8000);
  ram.longword(4, kCode);
  ram.program(kCode, program);
  M68000Config config;
  config.model = model;
  config.fpu = fpu;
  const std::unique_ptr<M68000> cpu = create_m68000(config, port);
  cpu->reset();
  auto& core = static_cast<M68000Core&>(*cpu);
  fpu_reset(core.fpu);
  core.a[0] = 0x2000;
  std::vector<Cycles> cycles;
  for (unsigned i = 0; i < steps; ++i) cycles.push_back(cpu->step());
  return cycles;
}

}  // namespace

TEST_CASE("68882 operations take Table 8-3's times by opmode and source format",
          "[m68k][fpu][timing]") {
  const std::vector<Cycles> cycles =
      step_cycles("68020", "68882",
                  {
                      0xF200, 0x0422,                  // fadd.x fp1,fp0: 56
                      0xF200, 0x0423,                  // fmul.x fp1,fp0: 76
                      0xF200, 0x0420,                  // fdiv.x fp1,fp0: 108
                      0xF200, 0x000E,                  // fsin.x fp0: 394
                      0xF23C, 0x4422, 0x3F80, 0x0000,  // fadd.s #1.0,fp0: 56 + 13
                      0xF210, 0x5422,                  // fadd.d (a0),fp0: 56 + 19
                      0xF210, 0x7400,                  // fmove.d fp0,(a0): 44
                      0xF200, 0x5C00,                  // fmovecr #0,fp0: 32
                  },
                  8);
  CHECK(cycles == std::vector<Cycles>{56, 76, 108, 394, 69, 75, 44, 32});
}

TEST_CASE("68881/68882 moves, conditionals and FSAVE take Tables 8-6 to 8-8's times",
          "[m68k][fpu][timing]") {
  // Table 8-6: FMOVE FPcr,Dn 33 and FMOVEM of n FP registers to memory 39 + 25n on the
  // 68882, both two clocks less on the 68881 (its footnote). Table 8-7: FBcc taken 20.
  // Table 8-8: FSAVE of a NULL frame 16, of an IDLE frame 100 (68882) or 52 (68881).
  for (const auto& [fpu, adjust, save_idle] :
       {std::tuple{"68882", Cycles{0}, Cycles{100}}, {"68881", Cycles{2}, Cycles{52}}}) {
    INFO(fpu);
    const std::vector<Cycles> cycles =
        step_cycles("68030", fpu,
                    {
                        0xF327,          // fsave -(a7): NULL frame
                        0xF200, 0xB000,  // fmove.l fpcr,d0
                        0xF210, 0xF030,  // fmovem.x fp2/fp3,(a0)
                        0xF28F, 0x0002,  // fbt *+4: taken
                        0xF327,          // fsave -(a7): IDLE frame (FP2 is not reset)
                    },
                    5);
    CHECK(cycles[0] == 16);
    CHECK(cycles[1] == 33 - adjust);
    CHECK(cycles[2] == 39 + 25 * 2 - adjust);
    CHECK(cycles[3] == 20);
    CHECK(cycles[4] == save_idle);
  }
}
