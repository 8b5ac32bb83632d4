// Decoded handlers for integer arithmetic on the 68020+: ADD/SUB/AND/OR/EOR in their
// register and memory forms, CMP, CMPA, ADDA/SUBA, the immediate forms (ADDI ... CMPI),
// ADDQ/SUBQ and LSL/LSR/ASR by an immediate count (PRM 4). Semantics and the order of
// their accesses are those of the ordinary handlers (m68000_arith_ops.cpp,
// m68000_shift_bit_ops.cpp) on the 68020+ path.
#include "cores/m68k/m68000_handlers.h"
#include "cores/m68k/m68020_fast_operands.h"

namespace anvil::m68k {

namespace {

using namespace fast;

using Alu = AluOp;

// dst <op> src with the flags of PRM Table 3-18 (m68000_alu.h); CMP returns dst.
template <Alu K, class T>
[[gnu::always_inline]] inline std::uint32_t apply(M68000Core& cpu, std::uint32_t source,
                                                  std::uint32_t destination) {
  constexpr Size size = kSize<T>;
  if constexpr (K == Alu::Add) {
    return add(cpu, size, source, destination);
  } else if constexpr (K == Alu::Sub) {
    return subtract(cpu, size, source, destination);
  } else if constexpr (K == Alu::Cmp) {
    compare(cpu, size, source, destination);
    return destination;
  } else {
    const std::uint32_t result = K == Alu::And  ? (source & destination)
                                 : K == Alu::Or ? (source | destination)
                                                : (source ^ destination);
    set_logic_flags(cpu, result, size);
    return result & size_mask(size);
  }
}

// <op> <ea>,Dn (ADD, SUB, AND, OR; CMP leaves Dn).
template <Alu K>
struct ToRegisterOperation {
  static constexpr bool allows(Ea) { return true; }
  template <class T, Ea S>
  [[gnu::always_inline]] static void execute(M68000Core& cpu, const DecodedM68k& in) {
    const unsigned dn = in.destination_register;
    const std::uint32_t value = read_source<S, T>(cpu, in.source_register, in.source);
    const std::uint32_t result = apply<K, T>(cpu, value, cpu.d[dn]);
    if constexpr (K != Alu::Cmp) write_data_register<T>(cpu, dn, result);
  }
};
template <Alu K>
using ToRegister = Flagging<ToRegisterOperation<K>>;

// <op> Dn,<ea> on memory (ADD, SUB, AND, OR, EOR): read, operate, write back.
template <Alu K>
struct ToMemory {
  static constexpr bool allows(Ea m) { return is_memory_alterable(m); }
  template <class T, Ea D>
  static std::uint32_t run(M68000Core& cpu, const DecodedM68k& in) {
    const std::uint32_t source = cpu.d[in.source_register];
    const std::uint32_t address = address_of<D, T>(cpu, in.destination_register, in.destination);
    const std::uint32_t value = M68020FastPath::load<T>(cpu, address);
    const std::uint32_t result = apply<K, T>(cpu, source, value);
    M68020FastPath::store<T>(cpu, address, static_cast<T>(result));
    return fall_through(cpu, in);
  }
};

// EOR Dn,Dm.
struct EorRegister {
  static constexpr bool allows(Ea m) { return m == Ea::DataRegister; }
  template <class T, Ea>
  static std::uint32_t run(M68000Core& cpu, const DecodedM68k& in) {
    const unsigned dn = in.destination_register;
    write_data_register<T>(cpu, dn, apply<Alu::Eor, T>(cpu, cpu.d[in.source_register], cpu.d[dn]));
    return fall_through(cpu, in);
  }
};

// CMPA <ea>,An: the source sign-extended, compared as a long.
struct CompareAddressOperation {
  static constexpr bool allows(Ea) { return true; }
  template <class T, Ea S>
  [[gnu::always_inline]] static void execute(M68000Core& cpu, const DecodedM68k& in) {
    const std::uint32_t value = read_source<S, T>(cpu, in.source_register, in.source);
    compare(cpu, Size::Long, sign_extend_to_32(value, kSize<T>), cpu.a[in.destination_register]);
  }
};
using CompareAddress = Flagging<CompareAddressOperation>;

// ADDA/SUBA <ea>,An: sign-extended, no flags.
template <Alu K>
struct ToAddress {
  static constexpr bool allows(Ea) { return true; }
  template <class T, Ea S>
  static std::uint32_t run(M68000Core& cpu, const DecodedM68k& in) {
    const std::uint32_t value =
        sign_extend_to_32(read_source<S, T>(cpu, in.source_register, in.source), kSize<T>);
    std::uint32_t& an = cpu.a[in.destination_register];
    an = K == Alu::Add ? an + value : an - value;
    return fall_through(cpu, in);
  }
};

// ORI/ANDI/SUBI/ADDI/EORI/CMPI #imm,<ea> and ADDQ/SUBQ #q,<ea> (q in `source`).
template <Alu K>
struct Immediate {
  static constexpr bool allows(Ea m) { return m == Ea::DataRegister || is_memory_alterable(m); }
  template <class T, Ea D>
  static std::uint32_t run(M68000Core& cpu, const DecodedM68k& in) {
    const std::uint32_t immediate = in.source;
    if constexpr (D == Ea::DataRegister) {
      const unsigned dn = in.destination_register;
      const std::uint32_t result = apply<K, T>(cpu, immediate, cpu.d[dn]);
      if constexpr (K != Alu::Cmp) write_data_register<T>(cpu, dn, result);
    } else {
      const std::uint32_t address = address_of<D, T>(cpu, in.destination_register, in.destination);
      const std::uint32_t value = M68020FastPath::load<T>(cpu, address);
      const std::uint32_t result = apply<K, T>(cpu, immediate, value);
      if constexpr (K != Alu::Cmp) M68020FastPath::store<T>(cpu, address, static_cast<T>(result));
    }
    return fall_through(cpu, in);
  }
};

// ADDQ/SUBQ #q,An: all 32 bits, no flags.
template <Alu K>
std::uint32_t quick_to_address(M68000Core& cpu, const DecodedM68k& in) {
  std::uint32_t& an = cpu.a[in.destination_register];
  an = K == Alu::Add ? an + in.source : an - in.source;
  return fall_through(cpu, in);
}

enum class Shift : std::uint8_t { LogicalLeft, LogicalRight, ArithmeticRight };

// LSL/LSR/ASR #1-8,Dn (PRM 4-113, 4-22): X and C the last bit out, V clear.
template <Shift K>
struct ShiftImmediate {
  static constexpr bool allows(Ea m) { return m == Ea::DataRegister; }
  template <class T, Ea>
  static std::uint32_t run(M68000Core& cpu, const DecodedM68k& in) {
    constexpr unsigned bits = sizeof(T) * 8;
    const unsigned count = in.source;  // 1..8
    const unsigned dn = in.destination_register;
    const std::uint32_t value = static_cast<T>(cpu.d[dn]);
    std::uint32_t result;
    bool out;
    if constexpr (K == Shift::LogicalLeft) {
      result = static_cast<T>(value << count);
      out = (value >> (bits - count)) & 1;
    } else if constexpr (K == Shift::LogicalRight) {
      result = value >> count;
      out = (value >> (count - 1)) & 1;
    } else {
      const auto wide = static_cast<std::int32_t>(sign_extend_to_32(value, kSize<T>));
      result = static_cast<T>(static_cast<std::uint32_t>(wide >> count));
      out = (value >> (count - 1)) & 1;
    }
    std::uint16_t ccr = out ? (kX | kC) : 0;
    if (!result) ccr |= kZ;
    if (result & sign_bit(kSize<T>)) ccr |= kN;
    cpu.set_ccr(static_cast<std::uint8_t>(ccr));
    write_data_register<T>(cpu, dn, result);
    return fall_through(cpu, in);
  }
};

template <template <Alu> class Op>
FastHandler by_operation(Alu kind, Size size, Ea mode) {
  switch (kind) {
    case Alu::Add:
      return by_size_and_mode<Op<Alu::Add>>(size, mode);
    case Alu::Sub:
      return by_size_and_mode<Op<Alu::Sub>>(size, mode);
    case Alu::And:
      return by_size_and_mode<Op<Alu::And>>(size, mode);
    case Alu::Or:
      return by_size_and_mode<Op<Alu::Or>>(size, mode);
    case Alu::Eor:
      return by_size_and_mode<Op<Alu::Eor>>(size, mode);
    case Alu::Cmp:
      return by_size_and_mode<Op<Alu::Cmp>>(size, mode);
  }
  return nullptr;
}

// The operand of bits 5-0 as the source.
bool source_operand(std::uint16_t opcode, Size size, CodeReader& reader, DecodedM68k& out,
                    Ea& mode) {
  return parse_ea((opcode >> 3) & 7, opcode & 7, size, reader, mode, out.source,
                  out.source_register);
}

// The operand of bits 5-0 as the destination.
bool destination_operand(std::uint16_t opcode, Size size, CodeReader& reader, DecodedM68k& out,
                         Ea& mode) {
  return parse_ea((opcode >> 3) & 7, opcode & 7, size, reader, mode, out.destination,
                  out.destination_register);
}

}  // namespace

FastHandler arithmetic_with_branch(FastHandler handler) {
  if (const FastHandler fused = with_branch<ToRegisterOperation<Alu::Cmp>>(handler)) return fused;
  return with_branch<CompareAddressOperation>(handler);
}

bool decode_arithmetic(std::uint16_t opcode, Handler ordinary, CodeReader& reader, DecodedM68k& out,
                       bool&) {
  Ea mode{};
  const unsigned reg9 = (opcode >> 9) & 7;
  if (ordinary == &op_add_sub_to_register || ordinary == &op_cmp) {
    const Size size = size_at6(opcode);
    if (!source_operand(opcode, size, reader, out, mode)) return false;
    out.destination_register = reg9;
    const Alu kind = ordinary == &op_cmp ? Alu::Cmp : line_operation(opcode);
    out.handler = by_operation<ToRegister>(kind, size, mode);
  } else if (ordinary == &op_add_sub_to_memory) {
    const Size size = size_at6(opcode);
    if (!destination_operand(opcode, size, reader, out, mode)) return false;
    out.source_register = reg9;
    out.handler = by_operation<ToMemory>(line_operation(opcode), size, mode);
  } else if (ordinary == &op_eor_register) {
    out.source_register = reg9;
    out.destination_register = opcode & 7;
    out.handler = by_size_and_mode<EorRegister>(size_at6(opcode), Ea::DataRegister);
  } else if (ordinary == &op_cmpa || ordinary == &op_adda_suba) {
    const Size size = (opcode & 0x100) ? Size::Long : Size::Word;
    if (!source_operand(opcode, size, reader, out, mode)) return false;
    out.destination_register = reg9;
    if (ordinary == &op_cmpa)
      out.handler = by_size_and_mode<CompareAddress>(size, mode);
    else if ((opcode >> 12) == 0xD)
      out.handler = by_size_and_mode<ToAddress<Alu::Add>>(size, mode);
    else
      out.handler = by_size_and_mode<ToAddress<Alu::Sub>>(size, mode);
  } else if (ordinary == &op_immediate) {
    static constexpr Alu kKinds[8] = {Alu::Or,  Alu::And, Alu::Sub, Alu::Add,
                                      Alu::Add, Alu::Eor, Alu::Cmp, Alu::Add};
    const unsigned group = (opcode >> 9) & 7;
    if (group == 4 || group == 7) return false;  // not immediate arithmetic
    const Size size = size_at6(opcode);
    // The immediate first, then the destination's extension words (op_immediate).
    out.source = size == Size::Long ? reader.long_word() : (reader.word() & size_mask(size));
    if (!destination_operand(opcode, size, reader, out, mode)) return false;
    out.handler = by_operation<Immediate>(kKinds[group], size, mode);
  } else if (ordinary == &op_addq_subq) {
    const Size size = size_at6(opcode);
    const Alu kind = (opcode & 0x100) ? Alu::Sub : Alu::Add;
    out.source = reg9 == 0 ? 8 : reg9;
    if (!destination_operand(opcode, size, reader, out, mode)) return false;
    if (mode == Ea::AddressRegister)
      out.handler = kind == Alu::Add ? &quick_to_address<Alu::Add> : &quick_to_address<Alu::Sub>;
    else
      out.handler = by_operation<Immediate>(kind, size, mode);
  } else if (ordinary == &op_shift_register) {
    if (opcode & 0x20) return false;  // the count in a register
    const unsigned kind = (opcode >> 3) & 3;
    const bool left = opcode & 0x100;
    const Size size = size_at6(opcode);
    out.source = reg9 == 0 ? 8 : reg9;
    out.destination_register = opcode & 7;
    if (kind == 1)
      out.handler = left ? by_size_and_mode<ShiftImmediate<Shift::LogicalLeft>>(size, mode)
                         : by_size_and_mode<ShiftImmediate<Shift::LogicalRight>>(size, mode);
    else if (kind == 0 && !left)
      out.handler = by_size_and_mode<ShiftImmediate<Shift::ArithmeticRight>>(size, mode);
  } else {
    return false;
  }
  return out.handler != nullptr;
}

}  // namespace anvil::m68k
