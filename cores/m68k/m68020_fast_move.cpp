// Decoded handlers for data movement on the 68020+: MOVE, MOVEA, MOVEQ, LEA, PEA and TST
// (PRM 4), each compiled per operand size and addressing mode. Their semantics are those of
// op_move, op_movea, op_moveq, op_lea, op_pea and op_tst on the 68020+ path.
#include "cores/m68k/m68000_handlers.h"
#include "cores/m68k/m68020_fast_operands.h"

namespace anvil::m68k {

namespace {

using namespace fast;

// MOVE <ea>,<ea>: the source, the flags (a faulting write stacks the final ones), then the
// destination's address and the write.
template <class T, Ea S, Ea D>
std::uint32_t move(M68000Core& cpu, const DecodedM68k& in) {
  const unsigned destination = in.destination_register;
  const std::uint32_t destination_extension = in.destination;
  const std::uint32_t value = read_source<S, T>(cpu, in.source_register, in.source);
  set_logic_flags(cpu, value, kSize<T>);
  if constexpr (D == Ea::DataRegister) {
    write_data_register<T>(cpu, destination, value);
  } else {
    const std::uint32_t address = address_of<D, T>(cpu, destination, destination_extension);
    M68020FastPath::store<T>(cpu, address, static_cast<T>(value));
  }
  return fall_through(cpu, in);
}

std::uint32_t moveq(M68000Core& cpu, const DecodedM68k& in) {
  cpu.d[in.destination_register] = in.source;
  set_logic_flags(cpu, in.source, Size::Long);
  return fall_through(cpu, in);
}

constexpr bool is_data_alterable(Ea m) {
  return m != Ea::AddressRegister && m != Ea::Immediate && !is_pc_relative(m);
}

// MOVEA <ea>,An: sign-extended, no flags.
struct MoveAddress {
  static constexpr bool allows(Ea) { return true; }
  template <class T, Ea S>
  static std::uint32_t run(M68000Core& cpu, const DecodedM68k& in) {
    const std::uint32_t value = read_source<S, T>(cpu, in.source_register, in.source);
    cpu.a[in.destination_register] = sign_extend_to_32(value, kSize<T>);
    return fall_through(cpu, in);
  }
};

struct LoadEffectiveAddress {
  static constexpr bool allows(Ea m) { return is_control(m); }
  template <class, Ea S>
  static std::uint32_t run(M68000Core& cpu, const DecodedM68k& in) {
    cpu.a[in.destination_register] =
        address_of<S, std::uint32_t>(cpu, in.source_register, in.source);
    return fall_through(cpu, in);
  }
};

// PEA: SP moves before the push (a fault leaves it moved, as op_pea).
struct PushEffectiveAddress {
  static constexpr bool allows(Ea m) { return is_control(m); }
  template <class, Ea S>
  static std::uint32_t run(M68000Core& cpu, const DecodedM68k& in) {
    const std::uint32_t address = address_of<S, std::uint32_t>(cpu, in.source_register, in.source);
    cpu.a[7] -= 4;
    M68020FastPath::store<std::uint32_t>(cpu, cpu.a[7], address);
    return fall_through(cpu, in);
  }
};

struct TestOperation {
  static constexpr bool allows(Ea) { return true; }
  template <class T, Ea S>
  [[gnu::always_inline]] static void execute(M68000Core& cpu, const DecodedM68k& in) {
    set_logic_flags(cpu, read_source<S, T>(cpu, in.source_register, in.source), kSize<T>);
  }
};
using Test = Flagging<TestOperation>;

// MOVE's handlers by source and destination mode; null where the destination is not data
// alterable (the dispatch table has already said whether the modes are legal).
template <class T, Ea S>
struct MoveFrom {
  template <Ea D>
  struct To {
    static constexpr FastHandler pick() {
      if constexpr (is_data_alterable(D))
        return &move<T, S, D>;
      else
        return nullptr;
    }
    static constexpr FastHandler handler = pick();
  };
  static constexpr std::array<FastHandler, kEaCount> table = ea_table<To>();
};

template <class T, std::size_t... S>
FastHandler move_handler(Ea source, Ea destination, std::index_sequence<S...>) {
  static constexpr std::array<const std::array<FastHandler, kEaCount>*, kEaCount> rows = {
      &MoveFrom<T, static_cast<Ea>(S)>::table...};
  return (*rows[static_cast<unsigned>(source)])[static_cast<unsigned>(destination)];
}
template <class T>
FastHandler move_handler(Ea source, Ea destination) {
  return move_handler<T>(source, destination, std::make_index_sequence<kEaCount>{});
}

FastHandler by_size(Size size, FastHandler byte, FastHandler word, FastHandler longword) {
  return size == Size::Byte ? byte : size == Size::Word ? word : longword;
}

Size move_size(std::uint16_t opcode) {
  const unsigned s = (opcode >> 12) & 3;
  return s == 1 ? Size::Byte : s == 3 ? Size::Word : Size::Long;
}

}  // namespace

FastHandler move_with_branch(FastHandler handler) {
  return with_branch<TestOperation>(handler);
}

bool decode_move(std::uint16_t opcode, Handler ordinary, CodeReader& reader, DecodedM68k& out,
                 bool&) {
  const unsigned line = opcode >> 12;
  Ea source{}, destination{};
  if (line >= 1 && line <= 3 && (ordinary == &op_move || ordinary == &op_movea)) {
    // MOVE/MOVEA (PRM 4-116, 4-119): source extension words first, then the destination's.
    const Size size = move_size(opcode);
    if (!parse_ea((opcode >> 3) & 7, opcode & 7, size, reader, source, out.source,
                  out.source_register))
      return false;
    out.destination_register = (opcode >> 9) & 7;
    const unsigned destination_mode = (opcode >> 6) & 7;
    if (ordinary == &op_movea) {
      out.handler = by_size_and_mode<MoveAddress>(size, source);
      return out.handler != nullptr;
    }
    if (!parse_ea(destination_mode, (opcode >> 9) & 7, size, reader, destination, out.destination,
                  out.destination_register))
      return false;
    out.handler = by_size(size, move_handler<std::uint8_t>(source, destination),
                          move_handler<std::uint16_t>(source, destination),
                          move_handler<std::uint32_t>(source, destination));
    return out.handler != nullptr;
  }
  if (ordinary == &op_moveq) {  // MOVEQ (PRM 4-134)
    out.destination_register = (opcode >> 9) & 7;
    out.source = sign_extend_to_32(opcode & 0xFF, Size::Byte);
    out.handler = &moveq;
    return true;
  }
  if (ordinary == &op_lea) {  // LEA (PRM 4-110)
    if (!parse_ea((opcode >> 3) & 7, opcode & 7, Size::Long, reader, source, out.source,
                  out.source_register))
      return false;
    out.destination_register = (opcode >> 9) & 7;
    out.handler = by_size_and_mode<LoadEffectiveAddress>(Size::Long, source);
    return out.handler != nullptr;
  }
  if (ordinary == &op_pea) {  // PEA (PRM 4-159)
    if (!parse_ea((opcode >> 3) & 7, opcode & 7, Size::Long, reader, source, out.source,
                  out.source_register))
      return false;
    out.handler = by_size_and_mode<PushEffectiveAddress>(Size::Long, source);
    return out.handler != nullptr;
  }
  if (ordinary == &op_tst) {  // TST (PRM 4-192)
    const Size size = size_at6(opcode);
    if (!parse_ea((opcode >> 3) & 7, opcode & 7, size, reader, source, out.source,
                  out.source_register))
      return false;
    out.handler = by_size_and_mode<Test>(size, source);
    return true;
  }
  return false;
}

}  // namespace anvil::m68k
