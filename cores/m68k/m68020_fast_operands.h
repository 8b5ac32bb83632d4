// Operand access for the decoded handlers (m68020_fast_*.cpp): each addressing mode as a
// template parameter, so a handler is compiled for its own modes and sizes. The side effects
// and their order are those of M68000Core::ea() and read_operand() on the 68020+ path, which
// the ordinary handlers use: the same registers move, the same accesses are made, in the
// same order, so a fault leaves the same state behind.
#pragma once

#include <array>
#include <cstdint>
#include <utility>

#include "cores/m68k/m68000_alu.h"
#include "cores/m68k/m68020_decoded.h"

namespace anvil::m68k::fast {

template <class T>
inline constexpr Size kSize = sizeof(T) == 1   ? Size::Byte
                              : sizeof(T) == 2 ? Size::Word
                                               : Size::Long;

// Xn.SIZE*SCALE of an extension word's bits 15-9 (PRM 2.2.7; m68020_ea.cpp).
inline std::uint32_t scaled_index(const M68000Core& cpu, std::uint32_t extension) {
  const unsigned reg = (extension >> 12) & 7;
  std::uint32_t index = (extension & 0x8000) ? cpu.a[reg] : cpu.d[reg];
  if (!(extension & 0x0800)) index = sign_extend_to_32(index & 0xFFFF, Size::Word);
  return index << ((extension >> 9) & 3);
}

// (d8,An,Xn.SIZE*SCALE) with a brief extension word.
inline std::uint32_t brief_index(const M68000Core& cpu, std::uint32_t extension) {
  return scaled_index(cpu, extension) + sign_extend_to_32(extension & 0xFF, Size::Byte);
}

// The modes whose operand is read in program space (PRM 2.2.11-12).
constexpr bool is_pc_relative(Ea m) {
  return m == Ea::PcDisp || m == Ea::PcIndex;
}

// The address of a memory operand, with (An)+ and -(An)'s register update (PRM 2.2.4-5).
template <Ea M, class T>
inline std::uint32_t address_of(M68000Core& cpu, unsigned reg, std::uint32_t extension) {
  if constexpr (M == Ea::Indirect) {
    return cpu.a[reg];
  } else if constexpr (M == Ea::PostIncrement) {
    const std::uint32_t address = cpu.a[reg];
    // As M68000Core::ea(): a long at an odd address leaves An as it was.
    if (sizeof(T) != 4 || !(address & 1))
      cpu.a[reg] += M68000Core::postincrement_step(kSize<T>, reg);
    return address;
  } else if constexpr (M == Ea::PreDecrement) {
    cpu.a[reg] -= M68000Core::postincrement_step(kSize<T>, reg);
    return cpu.a[reg];
  } else if constexpr (M == Ea::Disp) {
    return cpu.a[reg] + extension;
  } else if constexpr (M == Ea::Index) {
    return cpu.a[reg] + brief_index(cpu, extension);
  } else if constexpr (M == Ea::FullIndex) {
    // The register field: An in bits 2-0, base suppressed in bit 3, the index in 15-9.
    const std::uint32_t base = (reg & 8) ? 0 : cpu.a[reg & 7];
    return base + extension + scaled_index(cpu, reg);
  } else if constexpr (M == Ea::PcIndex) {
    return extension + scaled_index(cpu, reg);
  } else {
    static_assert(M == Ea::AbsShort || M == Ea::AbsLong || M == Ea::PcDisp);
    return extension;
  }
}

template <Ea M>
inline constexpr bool kIsMemory =
    M != Ea::DataRegister&& M != Ea::AddressRegister&& M != Ea::Immediate;

// A source operand, zero-extended from its size.
template <Ea M, class T>
inline std::uint32_t read_source(M68000Core& cpu, unsigned reg, std::uint32_t extension) {
  if constexpr (M == Ea::DataRegister) {
    return static_cast<T>(cpu.d[reg]);
  } else if constexpr (M == Ea::AddressRegister) {
    return static_cast<T>(cpu.a[reg]);
  } else if constexpr (M == Ea::Immediate) {
    return extension;
  } else if constexpr (is_pc_relative(M)) {
    // Program space, a long as two words (M68000Core::read_program_operand).
    const std::uint32_t address = address_of<M, T>(cpu, reg, extension);
    if constexpr (sizeof(T) == 4) {
      return M68020FastPath::load_long_as_words<true>(cpu, address);
    } else {
      return M68020FastPath::load_program<T>(cpu, address);
    }
  } else {
    return M68020FastPath::load<T>(cpu, address_of<M, T>(cpu, reg, extension));
  }
}

// A byte or word written into a data register as a whole 32-bit store: GCC would otherwise
// store just the low byte or word, and the next instruction's 32-bit load of the register
// could not be forwarded from that store (a stall of a dozen host cycles that callgrind
// does not see: MOVE.B (An)+,Dn followed by ADD.B Dn,Dm was a fifth of malloc_churn's time).
// The empty asm makes the merged value opaque, so the store keeps its width.
[[gnu::always_inline]] inline void write_data_register_masked(M68000Core& cpu, unsigned reg,
                                                              std::uint32_t value,
                                                              std::uint32_t mask) {
  std::uint32_t merged = (cpu.d[reg] & ~mask) | (value & mask);
  __asm__("" : "+r"(merged));
  cpu.d[reg] = merged;
}

template <class T>
inline void write_data_register(M68000Core& cpu, unsigned reg, std::uint32_t value) {
  if constexpr (sizeof(T) == 4) {
    cpu.d[reg] = value;
  } else {
    write_data_register_masked(cpu, reg, value, size_mask(kSize<T>));
  }
}

// The next instruction's address when the handler falls through.
inline std::uint32_t next_address(const DecodedM68k& instruction) {
  return instruction.address + instruction.length;
}

// The end of a handler whose instruction falls through (M68020FastPath::fall_through).
[[gnu::always_inline]] inline std::uint32_t fall_through(M68000Core& cpu,
                                                         const DecodedM68k& instruction) {
  return M68020FastPath::fall_through(cpu, instruction);
}

// A table of handler pointers indexed by one addressing mode: Make<Ea>::handler.
template <template <Ea> class Make, std::size_t... I>
constexpr std::array<FastHandler, kEaCount> ea_table(std::index_sequence<I...>) {
  return {Make<static_cast<Ea>(I)>::handler...};
}
template <template <Ea> class Make>
constexpr std::array<FastHandler, kEaCount> ea_table() {
  return ea_table<Make>(std::make_index_sequence<kEaCount>{});
}

// The handlers of one operation, per size and mode: `Op::allows(mode)` says which modes have
// one, `Op::template run<T, mode>` is the handler. by_size_and_mode() picks it at decode time.
template <class Op, class T>
struct HandlerTable {
  template <Ea M>
  struct Make {
    static constexpr FastHandler pick() {
      if constexpr (Op::allows(M))
        return &Op::template run<T, M>;
      else
        return nullptr;
    }
    static constexpr FastHandler handler = pick();
  };
  static constexpr std::array<FastHandler, kEaCount> table = ea_table<Make>();
};

template <class Op>
FastHandler by_size_and_mode(Size size, Ea mode) {
  const auto m = static_cast<unsigned>(mode);
  if (size == Size::Byte) return HandlerTable<Op, std::uint8_t>::table[m];
  if (size == Size::Word) return HandlerTable<Op, std::uint16_t>::table[m];
  return HandlerTable<Op, std::uint32_t>::table[m];
}

// An operation that sets the condition codes (`Op::template execute<T, mode>` runs it without
// going on), run by itself (`Op::run`) or fused with the near Bcc after it
// (`WithBranch<Op>::run`, M68020FastPath::then_branch).
template <class Op>
struct Flagging {
  static constexpr bool allows(Ea m) { return Op::allows(m); }
  template <class T, Ea M>
  static std::uint32_t run(M68000Core& cpu, const DecodedM68k& in) {
    Op::template execute<T, M>(cpu, in);
    return fall_through(cpu, in);
  }
};
template <class Op>
struct WithBranch {
  static constexpr bool allows(Ea m) { return Op::allows(m); }
  template <class T, Ea M>
  static std::uint32_t run(M68000Core& cpu, const DecodedM68k& in) {
    Op::template execute<T, M>(cpu, in);
    return M68020FastPath::then_branch(cpu, in);
  }
};

// The handler of WithBranch<Op> for the size and mode whose Flagging<Op> handler is
// `handler`; null when `handler` is none of Op's (decode time only: a search of the tables).
template <class Op, class T>
FastHandler with_branch_of_size(FastHandler handler) {
  for (unsigned m = 0; m < kEaCount; ++m)
    if (handler && HandlerTable<Flagging<Op>, T>::table[m] == handler)
      return HandlerTable<WithBranch<Op>, T>::table[m];
  return nullptr;
}
template <class Op>
FastHandler with_branch(FastHandler handler) {
  if (const FastHandler fused = with_branch_of_size<Op, std::uint8_t>(handler)) return fused;
  if (const FastHandler fused = with_branch_of_size<Op, std::uint16_t>(handler)) return fused;
  return with_branch_of_size<Op, std::uint32_t>(handler);
}

// PRM 2.2.13, Table 2-4's classes, among the modes that have handlers.
constexpr bool is_control(Ea m) {
  return m == Ea::Indirect || m == Ea::Disp || m == Ea::Index || m == Ea::AbsShort ||
         m == Ea::AbsLong || m == Ea::FullIndex || is_pc_relative(m);
}
constexpr bool is_memory_alterable(Ea m) {
  return m == Ea::Indirect || m == Ea::PostIncrement || m == Ea::PreDecrement || m == Ea::Disp ||
         m == Ea::Index || m == Ea::AbsShort || m == Ea::AbsLong || m == Ea::FullIndex;
}

}  // namespace anvil::m68k::fast
