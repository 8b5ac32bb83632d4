// Decoded handlers on the 68020+ for what compiled C calls often besides moves, arithmetic
// and branches: MOVEM, LINK/UNLK, Scc, NEGX/CLR/NEG/NOT, EXT/EXTB/SWAP and MULU.L/MULS.L
// (PRM 4). Semantics and access order are those of op_movem_to_memory,
// op_movem_to_registers, op_link, op_unlk, op_scc, op_unary, op_ext, op_extb, op_swap and
// op_mul_long on the 68020+ path (word accesses where those make word accesses).
#include <bit>
#include <cstring>

#include "cores/m68k/m68000_handlers.h"
#include "cores/m68k/m68020_fast_operands.h"
#include "cores/m68k/m68020_handlers.h"

namespace anvil::m68k {

namespace {

using namespace fast;

[[gnu::always_inline]] inline std::uint32_t& movem_register(M68000Core& cpu, unsigned index) {
  return index < 8 ? cpu.d[index] : cpu.a[index - 8];
}

// A register's low bytes in memory, big-endian, and back (the block forms of MOVEM).
template <class T>
[[gnu::always_inline]] inline void put_big_endian(std::uint8_t* at, std::uint32_t value) {
  T bytes = static_cast<T>(value);
  if constexpr (sizeof(T) > 1) bytes = anvil::byteswap(bytes);
  std::memcpy(at, &bytes, sizeof(T));
}
template <class T>
[[gnu::always_inline]] inline std::uint32_t get_big_endian(const std::uint8_t* at) {
  T bytes;
  std::memcpy(&bytes, at, sizeof(T));
  if constexpr (sizeof(T) > 1) bytes = anvil::byteswap(bytes);
  return sign_extend_to_32(bytes, kSize<T>);
}

// MOVEM <list>,<ea> (the mask in source's low half, the number of registers in its high). -(An):
// the mask is reversed (bit 0 = A7), longs are written low word first, and An is written once at
// the end.
struct MovemToMemory {
  static constexpr bool allows(Ea m) {
    return m == Ea::PreDecrement || (is_control(m) && !is_pc_relative(m));
  }
  template <class T, Ea M>
  static std::uint32_t run(M68000Core& cpu, const DecodedM68k& in) {
    const unsigned reg = in.destination_register;
    std::uint32_t mask = in.source;
    const std::uint32_t bytes = (mask >> 16) * sizeof(T);
    mask &= 0xFFFF;
    if constexpr (M == Ea::PreDecrement) {
      std::uint32_t address = cpu.a[reg];
      if (std::uint8_t* block = M68020FastPath::store_block(cpu, address - bytes, bytes)) {
        for (std::uint8_t* at = block + bytes; mask; mask &= mask - 1) {
          at -= sizeof(T);
          put_big_endian<T>(at, movem_register(cpu, 15 - std::countr_zero(mask)));
        }
        cpu.a[reg] = address - bytes;
        return fall_through(cpu, in);
      }
      while (mask) {
        const unsigned i = static_cast<unsigned>(__builtin_ctz(mask));
        mask &= mask - 1;
        const std::uint32_t value = movem_register(cpu, 15 - i);
        address -= sizeof(T);
        if constexpr (sizeof(T) == 4)
          M68020FastPath::store_long_low_word_first(cpu, address, value);
        else
          M68020FastPath::store<std::uint16_t>(cpu, address, static_cast<std::uint16_t>(value));
      }
      cpu.a[reg] = address;
    } else {
      std::uint32_t address = address_of<M, T>(cpu, reg, in.destination);
      if (std::uint8_t* block = M68020FastPath::store_block(cpu, address, bytes)) {
        for (std::uint8_t* at = block; mask; mask &= mask - 1, at += sizeof(T))
          put_big_endian<T>(at, movem_register(cpu, std::countr_zero(mask)));
        return fall_through(cpu, in);
      }
      while (mask) {
        const unsigned i = static_cast<unsigned>(__builtin_ctz(mask));
        mask &= mask - 1;
        M68020FastPath::store<T>(cpu, address, static_cast<T>(movem_register(cpu, i)));
        address += sizeof(T);
      }
    }
    return fall_through(cpu, in);
  }
};

// MOVEM <ea>,<list>: words sign-extended; (An)+ leaves An after the last register read.
struct MovemToRegisters {
  static constexpr bool allows(Ea m) { return m == Ea::PostIncrement || is_control(m); }
  template <class T, Ea M>
  static std::uint32_t run(M68000Core& cpu, const DecodedM68k& in) {
    const unsigned reg = in.destination_register;
    std::uint32_t mask = in.source;
    constexpr Ea kBase = M == Ea::PostIncrement ? Ea::Indirect : M;
    std::uint32_t address = address_of<kBase, T>(cpu, reg, in.destination);
    constexpr bool kProgram = is_pc_relative(M);
    const std::uint32_t bytes = (mask >> 16) * sizeof(T);
    mask &= 0xFFFF;
    if (const std::uint8_t* block = M68020FastPath::load_block(cpu, address, bytes)) {
      for (const std::uint8_t* at = block; mask; mask &= mask - 1, at += sizeof(T))
        movem_register(cpu, std::countr_zero(mask)) = get_big_endian<T>(at);
      if constexpr (M == Ea::PostIncrement) cpu.a[reg] = address + bytes;
      return fall_through(cpu, in);
    }
    while (mask) {
      const unsigned i = static_cast<unsigned>(__builtin_ctz(mask));
      mask &= mask - 1;
      std::uint32_t value;
      if constexpr (sizeof(T) == 4) {
        value = M68020FastPath::load_long_as_words<kProgram>(cpu, address);
      } else if constexpr (kProgram) {
        value = sign_extend_to_32(M68020FastPath::load_program<std::uint16_t>(cpu, address),
                                  Size::Word);
      } else {
        value = sign_extend_to_32(M68020FastPath::load<std::uint16_t>(cpu, address), Size::Word);
      }
      movem_register(cpu, i) = value;
      address += sizeof(T);
    }
    if constexpr (M == Ea::PostIncrement) cpu.a[reg] = address;
    return fall_through(cpu, in);
  }
};

// LINK An,#d16 (the displacement in source): push An, An = SP, SP += d16.
std::uint32_t link(M68000Core& cpu, const DecodedM68k& in) {
  const unsigned reg = in.destination_register;
  const std::uint32_t displacement = in.source;
  const std::uint32_t sp = cpu.a[7] - 4;
  M68020FastPath::store<std::uint32_t>(cpu, sp, cpu.a[reg]);
  cpu.a[7] = sp;
  cpu.a[reg] = sp;
  cpu.a[7] += displacement;
  return fall_through(cpu, in);
}

// UNLK An: SP = An, An = (SP)+.
std::uint32_t unlink(M68000Core& cpu, const DecodedM68k& in) {
  const unsigned reg = in.destination_register;
  const std::uint32_t address = cpu.a[reg];
  const std::uint32_t value = M68020FastPath::load<std::uint32_t>(cpu, address);
  cpu.a[7] = address + 4;
  cpu.a[reg] = value;
  return fall_through(cpu, in);
}

// Scc <ea> (the condition's row of kConditionTable in source): memory is read, then written.
struct SetConditionally {
  static constexpr bool allows(Ea m) { return m == Ea::DataRegister || is_memory_alterable(m); }
  template <class, Ea M>
  static std::uint32_t run(M68000Core& cpu, const DecodedM68k& in) {
    const bool set = (in.source >> (cpu.sr() & (kN | kZ | kV | kC))) & 1;
    const std::uint32_t value = set ? 0xFF : 0x00;
    const unsigned reg = in.destination_register;
    if constexpr (M == Ea::DataRegister) {
      write_data_register<std::uint8_t>(cpu, reg, value);
    } else {
      const std::uint32_t address = address_of<M, std::uint8_t>(cpu, reg, in.destination);
      M68020FastPath::load<std::uint8_t>(cpu, address);
      M68020FastPath::store<std::uint8_t>(cpu, address, static_cast<std::uint8_t>(value));
    }
    return fall_through(cpu, in);
  }
};

enum class Unary : std::uint8_t { NegateWithExtend, Clear, Negate, Not };

// NEGX/CLR/NEG/NOT <ea>: memory is read (CLR too), then written.
template <Unary K>
struct UnaryOperation {
  static constexpr bool allows(Ea m) { return m == Ea::DataRegister || is_memory_alterable(m); }
  template <class T>
  static std::uint32_t operate(M68000Core& cpu, std::uint32_t value) {
    constexpr Size size = kSize<T>;
    if constexpr (K == Unary::NegateWithExtend) {
      return subtract(cpu, size, value, 0, Extend::Use);
    } else if constexpr (K == Unary::Clear) {
      set_logic_flags(cpu, 0, size);
      return 0;
    } else if constexpr (K == Unary::Negate) {
      return subtract(cpu, size, value, 0);
    } else {
      set_logic_flags(cpu, ~value, size);
      return ~value & size_mask(size);
    }
  }
  template <class T, Ea M>
  static std::uint32_t run(M68000Core& cpu, const DecodedM68k& in) {
    const unsigned reg = in.destination_register;
    if constexpr (M == Ea::DataRegister) {
      write_data_register<T>(cpu, reg, operate<T>(cpu, static_cast<T>(cpu.d[reg])));
    } else {
      const std::uint32_t address = address_of<M, T>(cpu, reg, in.destination);
      const std::uint32_t value = M68020FastPath::load<T>(cpu, address);
      M68020FastPath::store<T>(cpu, address, static_cast<T>(operate<T>(cpu, value)));
    }
    return fall_through(cpu, in);
  }
};

// EXT.W, EXT.L, EXTB.L (PRM 4-106) and SWAP (PRM 4-185) on Dn.
std::uint32_t extend_byte_to_word(M68000Core& cpu, const DecodedM68k& in) {
  const unsigned reg = in.destination_register;
  const std::uint32_t word = sign_extend_to_32(cpu.d[reg] & 0xFF, Size::Byte) & 0xFFFF;
  write_data_register<std::uint16_t>(cpu, reg, word);
  set_logic_flags(cpu, word, Size::Word);
  return fall_through(cpu, in);
}
std::uint32_t extend_word_to_long(M68000Core& cpu, const DecodedM68k& in) {
  std::uint32_t& dn = cpu.d[in.destination_register];
  dn = sign_extend_to_32(dn & 0xFFFF, Size::Word);
  set_logic_flags(cpu, dn, Size::Long);
  return fall_through(cpu, in);
}
std::uint32_t extend_byte_to_long(M68000Core& cpu, const DecodedM68k& in) {
  std::uint32_t& dn = cpu.d[in.destination_register];
  dn = sign_extend_to_32(dn & 0xFF, Size::Byte);
  set_logic_flags(cpu, dn, Size::Long);
  return fall_through(cpu, in);
}
std::uint32_t swap(M68000Core& cpu, const DecodedM68k& in) {
  std::uint32_t& dn = cpu.d[in.destination_register];
  dn = (dn >> 16) | (dn << 16);
  set_logic_flags(cpu, dn, Size::Long);
  return fall_through(cpu, in);
}

// MULU.L/MULS.L <ea>,Dl[:Dh] (PRM 4-136, 4-139); the extension word in destination.
struct MultiplyLong {
  static constexpr bool allows(Ea m) { return m != Ea::AddressRegister; }
  template <class, Ea S>
  static std::uint32_t run(M68000Core& cpu, const DecodedM68k& in) {
    const std::uint32_t extension = in.destination;
    const std::uint32_t multiplier =
        read_source<S, std::uint32_t>(cpu, in.source_register, in.source);
    const unsigned dl = (extension >> 12) & 7, dh = extension & 7;
    std::uint64_t product;
    bool overflow;
    if (extension & 0x0800) {
      const std::int64_t p = std::int64_t{static_cast<std::int32_t>(cpu.d[dl])} *
                             static_cast<std::int32_t>(multiplier);
      product = static_cast<std::uint64_t>(p);
      overflow = p != static_cast<std::int32_t>(p);
    } else {
      product = std::uint64_t{cpu.d[dl]} * multiplier;
      overflow = product >> 32;
    }
    std::uint16_t ccr = cpu.sr() & kX;
    if (extension & 0x0400) {
      cpu.d[dh] = static_cast<std::uint32_t>(product >> 32);
      cpu.d[dl] = static_cast<std::uint32_t>(product);
      if (product >> 63) ccr |= kN;
      if (product == 0) ccr |= kZ;
    } else {
      cpu.d[dl] = static_cast<std::uint32_t>(product);
      if (cpu.d[dl] >> 31) ccr |= kN;
      if (cpu.d[dl] == 0) ccr |= kZ;
      if (overflow) ccr |= kV;
    }
    cpu.set_ccr(static_cast<std::uint8_t>(ccr));
    return fall_through(cpu, in);
  }
};

template <Unary K>
FastHandler unary_handler(Size size, Ea mode) {
  return by_size_and_mode<UnaryOperation<K>>(size, mode);
}

}  // namespace

bool decode_misc(std::uint16_t opcode, Handler ordinary, CodeReader& reader, DecodedM68k& out,
                 bool&) {
  Ea mode{};
  const unsigned mode_field = (opcode >> 3) & 7, reg = opcode & 7;
  out.destination_register = static_cast<std::uint8_t>(reg);
  if (ordinary == &op_movem_to_memory || ordinary == &op_movem_to_registers) {
    const Size size = (opcode & 0x40) ? Size::Long : Size::Word;
    // The register mask comes before the address's words; the count of registers in it is
    // kept above it (MovemToMemory, MovemToRegisters).
    const std::uint16_t mask = reader.word();
    out.source = mask | (static_cast<std::uint32_t>(std::popcount(mask)) << 16);
    if (!parse_ea(mode_field, reg, size, reader, mode, out.destination, out.destination_register))
      return false;
    out.handler = ordinary == &op_movem_to_memory ? by_size_and_mode<MovemToMemory>(size, mode)
                                                  : by_size_and_mode<MovemToRegisters>(size, mode);
  } else if (ordinary == &op_link) {
    out.source = sign_extend_to_32(reader.word(), Size::Word);
    out.handler = &link;
  } else if (ordinary == &op_unlk) {
    out.handler = &unlink;
  } else if (ordinary == &op_scc) {
    out.source = kConditionTable[(opcode >> 8) & 15];
    if (!parse_ea(mode_field, reg, Size::Byte, reader, mode, out.destination,
                  out.destination_register))
      return false;
    out.handler = by_size_and_mode<SetConditionally>(Size::Byte, mode);
  } else if (ordinary == &op_unary) {
    const Size size = size_at6(opcode);
    if (!parse_ea(mode_field, reg, size, reader, mode, out.destination, out.destination_register))
      return false;
    switch ((opcode >> 9) & 3) {
      case 0:
        out.handler = unary_handler<Unary::NegateWithExtend>(size, mode);
        break;
      case 1:
        out.handler = unary_handler<Unary::Clear>(size, mode);
        break;
      case 2:
        out.handler = unary_handler<Unary::Negate>(size, mode);
        break;
      default:
        out.handler = unary_handler<Unary::Not>(size, mode);
        break;
    }
  } else if (ordinary == &op_ext) {
    out.handler = (opcode & 0x40) ? &extend_word_to_long : &extend_byte_to_word;
  } else if (ordinary == &op_extb) {
    out.handler = &extend_byte_to_long;
  } else if (ordinary == &op_swap) {
    out.handler = &swap;
  } else if (ordinary == &op_mul_long) {
    out.destination = reader.word();  // the extension word comes before the operand's
    if (!parse_ea(mode_field, reg, Size::Long, reader, mode, out.source, out.source_register))
      return false;
    out.handler = by_size_and_mode<MultiplyLong>(Size::Long, mode);
  } else {
    return false;
  }
  return out.handler != nullptr;
}

}  // namespace anvil::m68k
