// The 68000's bus cycles: every read, write, fetch and idle run of the core goes through
// here, so the cycle count and the bus-cycle log have one source. A read or write takes four
// clocks plus the wait states the bus adds (UM 5.1: states S0-S7); an odd word address is
// an address error before any bus activity (UM 6.3.9).
#include <cstring>

#include "cores/m68k/m68000_core.h"

namespace anvil::m68k {

namespace {
constexpr std::uint32_t kAddressMask = 0x00FFFFFF;  // 24 address lines (A23..A1 and UDS/LDS)
constexpr Cycles kBusCycle = 4;
}  // namespace

void M68000Core::log(BusCycleKind kind, std::uint8_t fc, std::uint32_t address, std::uint16_t data,
                     bool uds, bool lds, Cycles length) {
  if (!log_bus_cycles_) return;
  if (kind == BusCycleKind::Idle && !bus_log_.empty() &&
      bus_log_.back().kind == BusCycleKind::Idle) {
    bus_log_.back().length += length;
    return;
  }
  bus_log_.push_back(
      BusCycle{kind, fc, uds, lds, address & kAddressMask & ~1u, data, cycles_, length});
}

void M68000Core::idle_exact(unsigned clocks) {
  if (clocks == 0) return;
  log(BusCycleKind::Idle, 0, 0, 0, false, false, clocks);
  cycles_ += clocks;
}

bool M68000Core::transport(Access kind, std::uint32_t address, std::uint8_t* bytes, unsigned size,
                           Cycles& wait) {
  const Addr a = address & address_mask_;
  bool ok;
  if (kind == Access::Store) {
    ok = size == 1 ? memory_.store<std::uint8_t>(a, bytes[0])
                   : memory_.store<std::uint16_t>(
                         a, static_cast<std::uint16_t>((bytes[0] << 8) | bytes[1]));
  } else if (size == 1) {
    std::uint8_t v = 0;
    ok = memory_.load<std::uint8_t>(a, v, kind);
    bytes[0] = v;
  } else {
    std::uint16_t v = 0;
    ok = memory_.load<std::uint16_t>(a, v, kind);
    bytes[0] = static_cast<std::uint8_t>(v >> 8);
    bytes[1] = static_cast<std::uint8_t>(v);
  }
  wait = memory_.take_wait_cycles();
  return ok;
}

void M68000Core::address_error(std::uint32_t address, bool write, Space space) {
  const std::uint8_t fc = function_code(space);
  log(write ? BusCycleKind::WriteAddressError : BusCycleKind::ReadAddressError, fc, address, 0,
      true, true, kBusCycle);
  cycles_ += kBusCycle;
  fault_ = Fault{false, write, fc, address};
  throw BusFaultAbort{};
}

void M68000Core::bus_error(std::uint32_t address, bool write, Space space) {
  fault_ = Fault{true, write, function_code(space), address};
  throw BusFaultAbort{};
}

std::uint16_t M68000Core::bus_read_word(std::uint32_t address, Space space) {
  if (fast_bus_) [[likely]] {
    // Only an instruction fetch at an odd address faults (020 UM 6.1.5).
    if ((address & 1) && space == Space::Program) [[unlikely]]
      address_error(address, false, space);
    return fast_load<std::uint16_t>(address, space);
  }
  if (address & 1) address_error(address, false, space);
  std::uint8_t bytes[2];
  Cycles wait = 0;
  const std::uint8_t fc = function_code(space);
  const bool ok =
      transport(space == Space::Program ? Access::Fetch : Access::Load, address, bytes, 2, wait);
  const auto value = static_cast<std::uint16_t>((bytes[0] << 8) | bytes[1]);
  log(BusCycleKind::Read, fc, address, value, true, true, kBusCycle + wait);
  cycles_ += kBusCycle + wait;
  if (!ok) bus_error(address, false, space);
  return value;
}

std::uint16_t M68000Core::fetch_word_slow(std::uint32_t address) {
  if (address & 1) address_error(address, false, Space::Program);
  std::uint16_t value = 0;
  if (memory_.load<std::uint16_t>(address & address_mask_, value, Access::Fetch)) return value;
  irc_faulted_ = true;
  prefetch_fault_address_ = address;
  return 0;
}

void M68000Core::prefetch_fault() {
  irc_faulted_ = ird_faulted_ = false;
  bus_error(prefetch_fault_address_, false, Space::Program);
}

// 68020+ (inline in the header): a data read in program space (PC-relative operands) may be
// at any address; only instruction fetches (bus_read_word) fault on odd ones.
std::uint16_t M68000Core::read_word_exact(std::uint32_t address, bool program) {
  const std::uint16_t value = bus_read_word(address, program ? Space::Program : Space::Data);
  catch_up_pc();
  return value;
}

std::uint8_t M68000Core::read_byte_exact(std::uint32_t address, bool program) {
  const Space space = program ? Space::Program : Space::Data;
  std::uint8_t byte = 0;
  Cycles wait = 0;
  const bool ok = transport(program ? Access::Fetch : Access::Load, address, &byte, 1, wait);
  const bool upper = !(address & 1);
  log(BusCycleKind::Read, function_code(space), address,
      upper ? static_cast<std::uint16_t>(byte << 8) : byte, upper, !upper, kBusCycle + wait);
  cycles_ += kBusCycle + wait;
  if (!ok) bus_error(address, false, space);
  catch_up_pc();
  return byte;
}

void M68000Core::write_word_exact(std::uint32_t address, std::uint16_t value) {
  if (address & 1) address_error(address, true, Space::Data);
  std::uint8_t bytes[2] = {static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value)};
  Cycles wait = 0;
  const bool ok = transport(Access::Store, address, bytes, 2, wait);
  log(BusCycleKind::Write, function_code(Space::Data), address, value, true, true,
      kBusCycle + wait);
  cycles_ += kBusCycle + wait;
  if (!ok) bus_error(address, true, Space::Data);
  catch_up_pc();
}

void M68000Core::write_byte_exact(std::uint32_t address, std::uint8_t value) {
  Cycles wait = 0;
  const bool ok = transport(Access::Store, address, &value, 1, wait);
  const bool upper = !(address & 1);
  log(BusCycleKind::Write, function_code(Space::Data), address,
      upper ? static_cast<std::uint16_t>(value << 8) : value, upper, !upper, kBusCycle + wait);
  cycles_ += kBusCycle + wait;
  if (!ok) bus_error(address, true, Space::Data);
  catch_up_pc();
}

std::uint32_t M68000Core::read_exact(Size size, std::uint32_t address) {
  switch (size) {
    case Size::Byte:
      return read_byte(address);
    case Size::Word:
      return read_word(address);
    case Size::Long: {
      // A long is two word cycles, high word first (UM 8: "nR nr").
      const std::uint32_t high = read_word(address);
      return (high << 16) | read_word(address + 2);
    }
  }
  return 0;
}

void M68000Core::write_exact(Size size, std::uint32_t address, std::uint32_t value) {
  switch (size) {
    case Size::Byte:
      write_byte(address, static_cast<std::uint8_t>(value));
      break;
    case Size::Word:
      write_word(address, static_cast<std::uint16_t>(value));
      break;
    case Size::Long:
      write_word(address, static_cast<std::uint16_t>(value >> 16));
      write_word(address + 2, static_cast<std::uint16_t>(value));
      break;
  }
}

void M68000Core::write_long_low_first(std::uint32_t address, std::uint32_t value) {
  if (fast_bus_) return fast_store<std::uint32_t>(address, value);
  write_word(address + 2, static_cast<std::uint16_t>(value));
  write_word(address, static_cast<std::uint16_t>(value >> 16));
}

std::uint8_t M68000Core::read_modify_write_byte(std::uint32_t address,
                                                std::uint8_t (*op)(M68000Core&, std::uint8_t)) {
  const std::uint8_t value = read_byte(address);
  idle(2);
  write_byte(address, op(*this, value));
  return value;
}

std::uint16_t M68000Core::read_extension_exact(bool moves_pc) {
  const std::uint16_t value = irc_;
  irc_ = bus_read_word(pc_, Space::Program);
  pc_ += 2;
  if (moves_pc) advance_fault_pc(2);
  return value;
}

void M68000Core::prefetch_exact() {
  ird_ = irc_;
  irc_ = bus_read_word(pc_, Space::Program);
  pc_ += 2;
  advance_fault_pc(2);
}

}  // namespace anvil::m68k
