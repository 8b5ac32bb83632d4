// The 68000's run loop, reset, registers and interrupt inputs (UM 5, 6).
#include "cores/m68k/m68000_core.h"

#include "cores/m68k/m68020_decoded.h"
#include "cores/m68k/m68k_fpu.h"

#include <algorithm>
#include <stdexcept>

namespace anvil::m68k {

namespace {
const M68kVariant& variant_named(const std::string& model) {
  if (const M68kVariant* v = find_m68k_variant(model)) return *v;
  std::string known;
  for (const M68kVariant& v : m68k_variants())
    known += (known.empty() ? "" : ", ") + std::string(v.name);
  throw std::invalid_argument("unknown m68k model '" + model + "' (known: " + known + ")");
}

}  // namespace

M68000Core::M68000Core(const M68000Config& config, MemoryPort& memory)
    : model_(config.model), memory_(memory), linux_user_(config.linux_user) {
  const M68kVariant& variant = variant_named(config.model);
  level_ = variant.level;
  fpu_model_ = fpu_model_named(variant, config.fpu);
  fast_bus_ = variant.timing != TimingSource::BusCycles;
  log_bus_cycles_ = config.log_bus_cycles && !fast_bus_;
  address_mask_ = variant.address_bits >= 32 ? 0xFFFFFFFFu : (1u << variant.address_bits) - 1;
  // HACK: Linux user mode gives the 68000/68010 a 32-bit bus so that test programs can live
  // where the m68k kernel puts them (above 16 MB); the 68020+ have one anyway.
  if (config.linux_user) address_mask_ = 0xFFFFFFFFu;
  sr_implemented_ = level_ >= CpuLevel::M68020 ? kSrImplemented020 : kSrImplemented;
  dispatch_ = &m68k_dispatch(level_, fpu_model_ != FpuModel::None);
  if (fast_bus_) timing_ = m68k_opcode_cycles(variant.timing).data();
  if (config.linux_user) sr_ = 0;  // user mode from the start
  if (fast_bus_ && address_mask_ == 0xFFFFFFFFu) {
    // 68020+: decoded runs (m68020_decoded_run.cpp). Wait states go straight into the cycle
    // count, as execute_one() adds them after each instruction anyway.
    decoded_code_ = std::make_unique<M68020DecodedCode>(memory_);
    decoded_code_->set_drop_listener([this](Addr) {
      decoded_code_->forget_pages();
      decoded_limit_.store(0, std::memory_order_relaxed);
    });
    memory_.set_wait_sink(&cycles_);
  }
}

M68000Core::~M68000Core() {
  if (decoded_code_) memory_.set_wait_sink(nullptr);
}

// Writing SR swaps A7 with the stack pointer S (and, 68020-68040, M) now selects.
void M68000Core::set_sr(std::uint16_t value) {
  value &= sr_implemented_;
  const std::uint16_t changed = value ^ sr_;
  if (changed & kSupervisor) std::swap(a[7], other_sp_);
  if (changed & kMaster) std::swap((value & kSupervisor) ? a[7] : other_sp_, inactive_ssp_);
  sr_ = value;
}

M68000State M68000Core::architectural_state() const {
  M68000State s;
  for (unsigned i = 0; i < 8; ++i) s.d[i] = d[i];
  for (unsigned i = 0; i < 7; ++i) s.a[i] = a[i];
  s.usp = supervisor() ? other_sp_ : a[7];
  s.ssp = supervisor() ? a[7] : other_sp_;
  s.sr = sr_;
  s.pc = pc_;
  s.ird = ird_;
  s.irc = irc_;
  return s;
}

void M68000Core::set_architectural_state(const M68000State& s) {
  for (unsigned i = 0; i < 8; ++i) d[i] = s.d[i];
  for (unsigned i = 0; i < 7; ++i) a[i] = s.a[i];
  sr_ = s.sr & sr_implemented_;
  a[7] = supervisor() ? s.ssp : s.usp;
  other_sp_ = supervisor() ? s.usp : s.ssp;
  pc_ = s.pc;
  ird_ = s.ird;
  irc_ = s.irc;
  instruction_pc_ = pc_ - 4;
  state_ = CoreState::Running;
  fault_ = {};
  trace_pending_ = false;
  irc_faulted_ = ird_faulted_ = false;
}

// UM 6.3.1: reset reads the initial SSP and PC from vectors 0 and 1 in supervisor program
// space and fills the queue; interrupts masked, tracing off.
void M68000Core::reset() {
  state_ = CoreState::Running;
  if (linux_user_) {
    // Linux user mode has no vector table: the process starts in user mode where
    // LinuxAbi::start puts it (pc, usp).
    sr_ = 0;
    fault_ = {};
    return;
  }
  sr_ = kSupervisor | kInterruptMask;
  fault_ = {};
  control = {};  // VBR = 0, caches off (020 UM 7.3.4; 040 UM section 4)
  try {
    idle(6);  // HACK: reset's internal clocks before the first read are not in the vectors
    const std::uint32_t ssp_high = read_word(0, true);
    a[7] = (ssp_high << 16) | read_word(2, true);
    const std::uint32_t pc_high = read_word(4, true);
    const std::uint32_t pc = (pc_high << 16) | read_word(6, true);
    jump_fill_first(pc);
    idle(2);
    prefetch();
  } catch (const BusFaultAbort&) {
    state_ = CoreState::Lockup;  // a fault during reset halts the processor (UM 6.3.1)
  }
  instruction_pc_ = pc_ - 4;
}

void M68000Core::resume() {
  if (state_ == CoreState::Stopped) state_ = CoreState::Running;
}

void M68000Core::set_irq_line(unsigned line, bool level) {
  // Line n (1..7) asserts IPL level n; the highest asserted line is the level the encoder
  // presents on IPL2-IPL0. Line 0 is unused.
  if (line == 0 || line > 7) return;
  const unsigned bit = 1u << (line - 1);
  irq_lines_ = level ? (irq_lines_ | bit) : (irq_lines_ & ~bit);
  const unsigned old_level = irq_level_;
  irq_level_ = irq_lines_ ? 32 - static_cast<unsigned>(__builtin_clz(irq_lines_)) : 0;
  if (irq_level_ == 7 && old_level != 7) nmi_latch_ = true;  // level 7 is edge-triggered
  decoded_limit_.store(0, std::memory_order_relaxed);        // a decoded run ends here (68020+)
}

void M68000Core::set_hooks(Hooks* hooks, bool per_instruction) {
  hooks_ = hooks ? hooks : &default_hooks_;
  per_instruction_hooks_ = per_instruction;
}

// Always inlined: the run loop's call and return per instruction cost as much as the
// bookkeeping here (perf on the m68k user-mode bench).
[[gnu::always_inline]] inline void M68000Core::execute_one() {
  instruction_pc_ = pc_ - 4;
  if (ird_faulted_) [[unlikely]]
    prefetch_fault();  // the opcode itself could not be fetched
  opcode_ = ird_;
  if (!fast_bus_) {
    // The 68000/68010's microcode PC (what an address error stacks); the 68020+ do not
    // use it.
    fault_pc_ = instruction_pc_ + 2;
    deferred_pc_advance_ = 0;
    pc_moved_early_ = false;
  }
  trace_pending_ = sr_ & kTrace;
  (*dispatch_)[opcode_](*this, opcode_);
  ++instructions_;
  if (timing_) cycles_ += timing_[opcode_] + memory_.take_wait_cycles();
}

Cycles M68000Core::step() {
  const Cycles start = cycles_;
  if (state_ == CoreState::Stopped || state_ == CoreState::Lockup) return 0;
  try {
    if (trace_pending_) {
      // The trace exception follows the traced instruction (UM 6.3.8), before the next.
      trace_pending_ = false;
      idle(4);
      exception(kVectorTrace, pc_ - 4);
    } else if (interrupt_pending()) {
      take_interrupt(irq_level_);
    } else if (state_ == CoreState::Sleeping) {
      return 0;
    } else {
      if (per_instruction_hooks_ && hooks_->before_instruction(pc_ - 4)) {
        state_ = CoreState::Stopped;
        return 0;
      }
      execute_one();
    }
  } catch (const InstructionAbort&) {
    // the exception was taken where the instruction found the fault
  } catch (const BusFaultAbort&) {
    try {
      group0_exception();
    } catch (const BusFaultAbort&) {
      state_ = CoreState::Lockup;  // a fault while stacking a fault: halt (UM 6.3.9)
    }
  }
  return cycles_ - start;
}

Cycles M68000Core::run(Cycles budget) {
  const Cycles start = cycles_;
  const Cycles end = budget > kNever - start ? kNever : start + budget;
  stop_requested_.store(false, std::memory_order_relaxed);
  auto plain = [&] {
    return cycles_ - start < budget && !trace_pending_ && !interrupt_pending() &&
           state_ == CoreState::Running && !stop_requested_.load(std::memory_order_relaxed);
  };
  while (cycles_ - start < budget && state_ == CoreState::Running) {
    // The 68020+ without hooks: a tight loop of plain instructions (decoded runs where the
    // code allows, else one by one); anything else (trace, an interrupt, a fault) goes
    // through step().
    if (timing_ && !per_instruction_hooks_ && !trace_pending_ && !interrupt_pending()) {
      try {
        do {
          if (decoded_code_) {
            run_decoded(end);
            if (!plain()) break;
          }
          execute_one();  // what no decoded run could take (or a 32-bit bus is missing)
        } while (plain());
      } catch (const InstructionAbort&) {
      } catch (const BusFaultAbort&) {
        try {
          group0_exception();
        } catch (const BusFaultAbort&) {
          state_ = CoreState::Lockup;  // a fault while stacking a fault: halt
        }
      }
    } else {
      step();
    }
    if (stop_requested_.load(std::memory_order_relaxed)) break;
  }
  if (state_ == CoreState::Sleeping && interrupt_pending()) step();
  return cycles_ - start;
}

namespace {
// GDB's m68k register numbering (gdb/m68k-tdep.h): d0-d7, a0-a5, fp, sp, ps, pc, then with
// an FPU fp0-fp7, fpcontrol, fpstatus, fpiaddr. GDB takes the FPU registers from the
// feature named "org.gnu.gdb.coldfire.fp" for every m68k flavour (m68k-tdep.c), 96 bits wide
// in the 68881's extended format.
constexpr unsigned kFirstFpRegister = 18, kFpControl = 26, kFpStatus = 27, kFpIaddr = 28;

std::vector<RegisterInfo> register_list(bool with_fpu) {
  std::vector<RegisterInfo> r;
  const char* feature = "org.gnu.gdb.m68k.core";
  for (int i = 0; i < 8; ++i)
    r.push_back({"d" + std::to_string(i), 32, feature, "uint32", "general"});
  for (int i = 0; i < 6; ++i)
    r.push_back({"a" + std::to_string(i), 32, feature, "data_ptr", "general"});
  r.push_back({"fp", 32, feature, "data_ptr", "general"});
  r.push_back({"sp", 32, feature, "data_ptr", "general"});
  r.push_back({"ps", 32, feature, "int", "general"});
  r.push_back({"pc", 32, feature, "code_ptr", "general"});
  if (!with_fpu) return r;
  const char* fp_feature = "org.gnu.gdb.coldfire.fp";
  for (int i = 0; i < 8; ++i)
    r.push_back({"fp" + std::to_string(i), 96, fp_feature, "float", "float"});
  r.push_back({"fpcontrol", 32, fp_feature, "int", "float"});
  r.push_back({"fpstatus", 32, fp_feature, "int", "float"});
  r.push_back({"fpiaddr", 32, fp_feature, "code_ptr", "float"});
  return r;
}
}  // namespace

std::span<const RegisterInfo> M68000Core::register_info() const {
  static const std::vector<RegisterInfo> integer_only = register_list(false);
  static const std::vector<RegisterInfo> with_fpu = register_list(true);
  return fpu_model_ == FpuModel::None ? integer_only : with_fpu;
}

std::uint64_t M68000Core::read_register(unsigned index) const {
  if (index < 8) return d[index];
  if (index < 16) return a[index - 8];
  if (index == 16) return sr_;
  if (index == 17) return pc();
  if (fpu_model_ == FpuModel::None) return 0;
  // The low 64 bits of a 96-bit FPn (its mantissa); read_register_bytes() has all of it.
  if (index >= kFirstFpRegister && index < kFpControl)
    return fpu.fp[index - kFirstFpRegister].mantissa;
  if (index == kFpControl) return fpu.fpcr;
  if (index == kFpStatus) return fpu.fpsr;
  if (index == kFpIaddr) return fpu.fpiar;
  return 0;
}

void M68000Core::write_register(unsigned index, std::uint64_t value) {
  const auto v = static_cast<std::uint32_t>(value);
  if (index < 8)
    d[index] = v;
  else if (index < 16)
    a[index - 8] = v;
  else if (index == 16)
    set_sr(static_cast<std::uint16_t>(v));
  else if (index == 17) {
    // A debugger's PC write: refill the queue from there without bus timing side effects.
    std::uint16_t words[2] = {0, 0};
    bool fetched[2] = {false, false};
    for (unsigned i = 0; i < 2; ++i) {
      std::uint8_t b[2] = {0, 0};
      fetched[i] = memory_.debug_read((v + 2 * i) & address_mask_, b, 2) == 2;
      words[i] = static_cast<std::uint16_t>((b[0] << 8) | b[1]);
    }
    ird_ = words[0];
    irc_ = words[1];
    // 68020+: a word that is not there faults when it is used (see fetch_word_slow()).
    ird_faulted_ = fast_bus_ && !fetched[0];
    irc_faulted_ = fast_bus_ && !fetched[1];
    prefetch_fault_address_ = fetched[0] ? v + 2 : v;
    pc_ = v + 4;
    instruction_pc_ = v;
  } else if (fpu_model_ != FpuModel::None) {
    if (index >= kFirstFpRegister && index < kFpControl)
      fpu.fp[index - kFirstFpRegister].mantissa = value;
    else if (index == kFpControl)
      fpu.fpcr = v;
    else if (index == kFpStatus)
      fpu.fpsr = v;
    else if (index == kFpIaddr)
      fpu.fpiar = v;
  }
}

// FPn as a 96-bit number, least significant byte first: the reverse of its big-endian
// memory image (sign and exponent, 16 unused bits, mantissa; FPU UM 3.1.4).
void M68000Core::read_register_bytes(unsigned index, std::span<std::uint8_t> bytes) const {
  if (fpu_model_ == FpuModel::None || index < kFirstFpRegister || index >= kFpControl ||
      bytes.size() != 12) {
    Core::read_register_bytes(index, bytes);
    return;
  }
  const std::array<std::uint8_t, 12> image = fpu_register_image(fpu.fp[index - kFirstFpRegister]);
  std::reverse_copy(image.begin(), image.end(), bytes.begin());
}

void M68000Core::write_register_bytes(unsigned index, std::span<const std::uint8_t> bytes) {
  if (fpu_model_ == FpuModel::None || index < kFirstFpRegister || index >= kFpControl ||
      bytes.size() != 12) {
    Core::write_register_bytes(index, bytes);
    return;
  }
  std::array<std::uint8_t, 12> image{};
  std::reverse_copy(bytes.begin(), bytes.end(), image.begin());
  fpu.fp[index - kFirstFpRegister] = fpu_register_from_image(image);
}

std::vector<std::string> m68k_models() {
  std::vector<std::string> names;
  for (const M68kVariant& v : m68k_variants()) names.emplace_back(v.name);
  return names;
}
bool is_m68k_model(std::string_view model) {
  return find_m68k_variant(model) != nullptr;
}

std::unique_ptr<M68000> create_m68000(const M68000Config& config, MemoryPort& memory) {
  return std::make_unique<M68000Core>(config, memory);
}

}  // namespace anvil::m68k
