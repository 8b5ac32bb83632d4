// Decoded handlers for program control on the 68020+: Bcc/BRA (8, 16 and 32-bit
// displacements), BSR, DBcc, JMP, JSR and RTS (PRM 4). A taken branch whose target could
// fault when the queue is refilled there (odd, or not on a page with a host pointer) runs
// the ordinary handler instead, which takes the fault exactly where it always did; nothing
// has been changed by then. A taken branch returns its target; one not taken goes on with
// the next entry (fall_through()).
#include "cores/m68k/m68000_handlers.h"
#include "cores/m68k/m68020_fast_operands.h"
#include "cores/m68k/m68020_handlers.h"

namespace anvil::m68k {

namespace {

using namespace fast;

bool holds(const M68000Core& cpu, std::uint32_t row) {
  return M68020FastPath::holds(cpu, row);
}

// The condition's row is in destination, the target in source.
std::uint32_t branch_conditional(M68000Core& cpu, const DecodedM68k& in) {
  if (!holds(cpu, in.destination)) return fall_through(cpu, in);
  if (!M68020FastPath::jump_target_ok(cpu, in.source)) [[unlikely]]
    return M68020FastPath::generic(cpu, in);
  return in.source;
}

// A target on the instruction's own page, checked at decode time: the page's host pointer
// lasts as long as its decoded instructions (a change drops them).
std::uint32_t branch_conditional_near(M68000Core& cpu, const DecodedM68k& in) {
  return holds(cpu, in.destination) ? M68020FastPath::branch_to(cpu, in, in.source)
                                    : fall_through(cpu, in);
}

std::uint32_t branch_always(M68000Core& cpu, const DecodedM68k& in) {
  if (!M68020FastPath::jump_target_ok(cpu, in.source)) [[unlikely]]
    return M68020FastPath::generic(cpu, in);
  return in.source;
}

void push_return_address(M68000Core& cpu, std::uint32_t address) {
  cpu.a[7] -= 4;
  M68020FastPath::store<std::uint32_t>(cpu, cpu.a[7], address);
}

std::uint32_t branch_to_subroutine(M68000Core& cpu, const DecodedM68k& in) {
  const std::uint32_t target = in.source;
  if (!M68020FastPath::jump_target_ok(cpu, target)) [[unlikely]]
    return M68020FastPath::generic(cpu, in);
  push_return_address(cpu, next_address(in));
  return target;
}

// DBcc Dn,d16 (PRM 4-91): as op_dbcc, the counter is written once the target is known to be
// fetchable; an expired count reads the target word and drops it.
template <bool Near>
std::uint32_t decrement_and_branch(M68000Core& cpu, const DecodedM68k& in) {
  if (holds(cpu, in.destination)) return fall_through(cpu, in);
  const std::uint32_t target = in.source;
  const unsigned reg = in.destination_register;
  const auto count = static_cast<std::uint16_t>(cpu.d[reg] - 1);
  if (count != 0xFFFF) {
    if (!Near && !M68020FastPath::jump_target_ok(cpu, target)) [[unlikely]]
      return M68020FastPath::generic(cpu, in);
    write_data_register<std::uint16_t>(cpu, reg, count);
    return target;
  }
  write_data_register<std::uint16_t>(cpu, reg, count);
  M68020FastPath::load_program<std::uint16_t>(cpu, target);
  return fall_through(cpu, in);
}

std::uint32_t return_from_subroutine(M68000Core& cpu, const DecodedM68k& in) {
  const std::uint32_t sp = cpu.a[7];
  const std::uint32_t target = M68020FastPath::load<std::uint32_t>(cpu, sp);
  if (!M68020FastPath::jump_target_ok(cpu, target)) [[unlikely]]
    return M68020FastPath::generic(cpu, in);
  cpu.a[7] = sp + 4;
  return target;
}

// JMP/JSR <ea>: the target is the operand's address; JSR pushes the address after it.
template <bool Subroutine>
struct Jump {
  static constexpr bool allows(Ea m) { return is_control(m); }
  template <class, Ea S>
  static std::uint32_t run(M68000Core& cpu, const DecodedM68k& in) {
    const std::uint32_t target = address_of<S, std::uint32_t>(cpu, in.source_register, in.source);
    if (!M68020FastPath::jump_target_ok(cpu, target)) [[unlikely]]
      return M68020FastPath::generic(cpu, in);
    if constexpr (Subroutine) push_return_address(cpu, next_address(in));
    return target;
  }
};

// The target of Bcc/BSR: 8-bit displacement in the opcode, else a 16-bit word or (the
// 68020's $FF) a long after it; all relative to the address after the opcode.
// Whether a jump to `target` from the page being decoded needs no check when it is taken.
bool near_target(const CodeReader& reader, std::uint32_t target) {
  const std::uint32_t page_mask = ~static_cast<std::uint32_t>(MemoryPort::kPageMask);
  return !(target & 1) && (target & page_mask) == reader.page_address &&
         (target & MemoryPort::kPageMask) <= MemoryPort::kPageSize - 4;
}

std::uint32_t branch_target(std::uint16_t opcode, CodeReader& reader) {
  const std::uint32_t base = reader.address();
  const unsigned disp8 = opcode & 0xFF;
  if (disp8 == 0) return base + sign_extend_to_32(reader.word(), Size::Word);
  if (disp8 == 0xFF) return base + reader.long_word();
  return base + sign_extend_to_32(disp8, Size::Byte);
}

}  // namespace

bool is_near_conditional_branch(const DecodedM68k& entry) {
  return entry.handler == &branch_conditional_near;
}

bool decode_control(std::uint16_t opcode, Handler ordinary, CodeReader& reader, DecodedM68k& out,
                    bool& ends_run) {
  const unsigned condition = (opcode >> 8) & 15;
  if (ordinary == &op_bcc || ordinary == &op_bcc_long) {
    out.source = branch_target(opcode, reader);
    out.destination = kConditionTable[condition];
    out.handler = condition == 0                    ? &branch_always
                  : near_target(reader, out.source) ? &branch_conditional_near
                                                    : &branch_conditional;
    ends_run = condition == 0;
    return true;
  }
  if (ordinary == &op_bsr || ordinary == &op_bsr_long) {
    out.source = branch_target(opcode, reader);
    out.handler = &branch_to_subroutine;
    ends_run = true;
    return true;
  }
  if (ordinary == &op_dbcc) {
    const std::uint32_t base = reader.address();
    out.source = base + sign_extend_to_32(reader.word(), Size::Word);
    out.destination = kConditionTable[condition];
    out.destination_register = opcode & 7;
    out.handler = near_target(reader, out.source) ? &decrement_and_branch<true>
                                                  : &decrement_and_branch<false>;
    return true;
  }
  if (ordinary == &op_rts) {
    out.handler = &return_from_subroutine;
    ends_run = true;
    return true;
  }
  if (ordinary == &op_jmp || ordinary == &op_jsr) {
    Ea mode{};
    if (!parse_ea((opcode >> 3) & 7, opcode & 7, Size::Long, reader, mode, out.source,
                  out.source_register))
      return false;
    out.handler = ordinary == &op_jmp ? by_size_and_mode<Jump<false>>(Size::Long, mode)
                                      : by_size_and_mode<Jump<true>>(Size::Long, mode);
    ends_run = true;
    return out.handler != nullptr;
  }
  return false;
}

}  // namespace anvil::m68k
