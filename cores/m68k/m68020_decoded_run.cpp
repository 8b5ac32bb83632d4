// The 68020+ run loop over decoded instructions (m68020_decoded.h), and the decoder that
// fills the pages.
//
// The 68000 model's look-ahead queue (IRD, IRC, PC four bytes ahead) is what the ordinary
// handlers, the exception code, pc() and GDB read. Inside a decoded run it is not kept up to
// date: the loop knows each instruction's address, and sets the queue only where someone will
// read it: before an ordinary handler (generic()) and when the run ends (refill_queue()).
//
// The loop runs segments: the rest of a run from the entry it reached, whose handlers call
// each other while the code falls through (fall_through()), with the budget checked and the
// counts added once per segment. instruction_pc_ and the counts are brought up to the
// running instruction only where something else may look at them: an access off the direct
// path (a device, wait states, a fault, a store into decoded code) or an ordinary handler
// settles the segment first (M68020FastPath::settle) and ends it after that instruction.
// So every instruction still ends where it ended before: a segment runs whole only when its
// table cost fits in the budget (else one instruction at a time), and the limit, which drops
// to zero on a stop request, an interrupt line change or a store into a decoded page, is
// checked after each segment.
#include "cores/m68k/m68020_decoded.h"

#include "cores/m68k/m68000_alu.h"

namespace anvil::m68k {

namespace {

// The index part of an extension word (bits 15-9: D/A, register, W/L, scale; PRM 2.2.7), as
// the index modes keep it in the operand's register field (m68020_decoded.h).
constexpr std::uint16_t kIndexBits = 0xFE00;
constexpr std::uint16_t kBaseSuppressed = 0x08;

// A full-format extension word (PRM 2.2.7, Table 2-2; m68020_ea.cpp) without memory
// indirection. Without an index (IS set) it is a plain displacement from An or the PC, or an
// absolute address (base suppressed): the modes above, with the displacement folded in.
// With an index it is FullIndex, or PcIndex with the PC's part folded into the extension.
// PC-relative forms keep reading in program space, as ea_exact() marks them. Memory
// indirection and the reserved encodings are left to the ordinary handler.
bool parse_full_extension(std::uint16_t word, std::uint32_t word_address, unsigned reg,
                          bool pc_relative, CodeReader& reader, Ea& ea, std::uint32_t& extension,
                          std::uint16_t& register_field) {
  const bool base_suppressed = word & 0x80, index_suppressed = word & 0x40;
  const unsigned displacement_size = (word >> 4) & 3, indirect = word & 7;
  if (indirect != 0 || displacement_size == 0 || (word & 0x08)) return false;
  std::uint32_t displacement = 0;
  if (displacement_size == 2) displacement = sign_extend_to_32(reader.word(), Size::Word);
  if (displacement_size == 3) displacement = reader.long_word();
  const std::uint32_t base = pc_relative && !base_suppressed ? word_address : 0;
  if (!index_suppressed) {
    ea = pc_relative ? Ea::PcIndex : Ea::FullIndex;
    extension = base + displacement;
    register_field = static_cast<std::uint16_t>((word & kIndexBits) | reg |
                                                (base_suppressed ? kBaseSuppressed : 0));
    return true;
  }
  if (pc_relative) {
    ea = Ea::PcDisp;
    extension = base + displacement;
  } else {
    ea = base_suppressed ? Ea::AbsLong : Ea::Disp;
    extension = displacement;
  }
  return true;
}

}  // namespace

bool parse_ea(unsigned mode, unsigned reg, Size size, CodeReader& reader, Ea& ea,
              std::uint32_t& extension, std::uint16_t& register_field) {
  register_field = static_cast<std::uint16_t>(reg);
  switch (mode) {
    case 0:
      ea = Ea::DataRegister;
      break;
    case 1:
      ea = Ea::AddressRegister;
      break;
    case 2:
      ea = Ea::Indirect;
      break;
    case 3:
      ea = Ea::PostIncrement;
      break;
    case 4:
      ea = Ea::PreDecrement;
      break;
    case 5:
      ea = Ea::Disp;
      extension = sign_extend_to_32(reader.word(), Size::Word);
      break;
    case 6: {
      const std::uint32_t base_address = reader.address();
      extension = reader.word();
      if (!(extension & 0x0100)) {
        ea = Ea::Index;
        break;
      }
      if (!parse_full_extension(static_cast<std::uint16_t>(extension), base_address, reg, false,
                                reader, ea, extension, register_field))
        return false;
      break;
    }
    default:
      switch (reg) {
        case 0:
          ea = Ea::AbsShort;
          extension = sign_extend_to_32(reader.word(), Size::Word);
          break;
        case 1:
          ea = Ea::AbsLong;
          extension = reader.long_word();
          break;
        case 2: {
          ea = Ea::PcDisp;
          const std::uint32_t base = reader.address();  // the extension word's own address
          extension = base + sign_extend_to_32(reader.word(), Size::Word);
          break;
        }
        case 4:
          ea = Ea::Immediate;
          extension = size == Size::Long ? reader.long_word() : (reader.word() & size_mask(size));
          break;
        case 3: {
          const std::uint32_t base_address = reader.address();
          const std::uint16_t word = reader.word();
          if (!(word & 0x0100)) {  // the brief format: the PC and d8 folded in
            ea = Ea::PcIndex;
            extension = base_address + sign_extend_to_32(word & 0xFF, Size::Byte);
            register_field = word & kIndexBits;
            break;
          }
          if (!parse_full_extension(word, base_address, 0, true, reader, ea, extension,
                                    register_field))
            return false;
          break;
        }
        default:
          return false;
      }
  }
  return reader.ok;
}

namespace {

// One instruction at `offset` of the page at `page_address`; 0 when it is not decoded here
// (its second word is on the next page: the queue could not be filled from this one).
unsigned decode_instruction(const M68000Core& cpu, const std::uint8_t* host,
                            std::uint32_t page_address, std::uint32_t offset, DecodedM68k& out,
                            bool& ends_run) {
  if (offset + 4 > MemoryPort::kPageSize) return 0;
  CodeReader reader{host, page_address, offset};
  const std::uint16_t opcode = reader.word();
  const std::uint16_t second_word =
      static_cast<std::uint16_t>((host[offset + 2] << 8) | host[offset + 3]);
  const Handler ordinary = M68020FastPath::ordinary_handler(cpu, opcode);
  DecodedM68k decoded{};
  decoded.address = page_address + offset;
  decoded.opcode = opcode;
  decoded.second_word = second_word;
  decoded.cycles = M68020FastPath::dispatch_cycles(cpu)[opcode];
  bool fast_ends_run = false;
  if ((decode_move(opcode, ordinary, reader, decoded, fast_ends_run) ||
       decode_arithmetic(opcode, ordinary, reader, decoded, fast_ends_run) ||
       decode_control(opcode, ordinary, reader, decoded, fast_ends_run) ||
       decode_misc(opcode, ordinary, reader, decoded, fast_ends_run) ||
       decode_bits(opcode, ordinary, reader, decoded, fast_ends_run) ||
       decode_fpu(opcode, ordinary, reader, decoded, fast_ends_run)) &&
      reader.ok) {
    decoded.length = static_cast<std::uint8_t>(reader.offset - offset);
    out = decoded;
    ends_run = fast_ends_run;
    return decoded.length;
  }
  // Its length is not known here: the run ends with it, and the loop finds the next
  // instruction from where the ordinary handler left the PC.
  decoded.handler = &M68020FastPath::generic;
  decoded.source = decoded.destination = 0;
  decoded.length = 2;
  out = decoded;
  ends_run = true;
  return 2;
}

}  // namespace

FastHandler fused_with_next(const DecodedM68k& first, const DecodedM68k& second) {
  if (!is_near_conditional_branch(second)) return nullptr;
  if (const FastHandler fused = move_with_branch(first.handler)) return fused;
  return arithmetic_with_branch(first.handler);
}

std::uint32_t M68020FastPath::generic(M68000Core& cpu, const DecodedM68k& instruction) {
  const std::uint16_t opcode = instruction.opcode;
  // Read before the handler runs: it may store into this page, which drops the entry.
  cpu.segment_.queue_filled = instruction.handler == &M68020FastPath::generic;
  cpu.pc_ = instruction.address + 4;
  cpu.ird_ = opcode;
  cpu.irc_ = instruction.second_word;
  cpu.opcode_ = opcode;
  settle(cpu, instruction);
  (*cpu.dispatch_)[opcode](cpu, opcode);
  // What the per-instruction loop checks after each instruction, for what an ordinary
  // handler may have changed (SR, the state, a look-ahead fault, a system call's stop).
  if ((cpu.sr_ & kTrace) || cpu.trace_pending_ || cpu.interrupt_pending() ||
      cpu.state_ != CoreState::Running || cpu.ird_faulted_ || cpu.irc_faulted_ ||
      cpu.stop_requested_.load(std::memory_order_relaxed))
    cpu.decoded_limit_.store(0, std::memory_order_relaxed);
  return cpu.pc_ - 4;
}

inline const DecodedM68k* M68020FastPath::lookup(M68000Core& cpu, std::uint32_t address) {
  M68020DecodedCode& code = *cpu.decoded_code_;
  const std::uint32_t base = address & ~static_cast<std::uint32_t>(MemoryPort::kPageMask);
  if (base != code.current_base) {
    // A decoded page's host pointer lasts as long as the page (a change drops it).
    const M68020DecodedCode::RecentPage& recent = code.recent_page(base);
    if (recent.base != base) return lookup_slow(cpu, address);
    code.current_base = base;
    code.current = recent.page;
  }
  if (const DecodedM68k* found = code.current->find(address & MemoryPort::kPageMask)) [[likely]]
    return found;
  return lookup_slow(cpu, address);
}

const DecodedM68k* M68020FastPath::lookup_slow(M68000Core& cpu, std::uint32_t address) {
  if (address & 1) return nullptr;  // an address error: the ordinary path takes it
  const std::uint8_t* host = cpu.memory_.fetch_page(address);
  if (!host) return nullptr;  // no host pointer (MMIO, a watchpoint): the ordinary path
  M68020DecodedCode& code = *cpu.decoded_code_;
  const std::uint32_t base = address & ~static_cast<std::uint32_t>(MemoryPort::kPageMask);
  M68020CodePage& page = code.page(base);
  code.current_base = base;
  code.current = &page;
  code.recent_page(base) = {base, &page};
  const std::uint32_t offset = address & MemoryPort::kPageMask;
  if (const DecodedM68k* found = page.find(offset)) return found;
  return page.decode_run(offset, [&](std::uint32_t at, DecodedM68k& out, bool& ends_run) {
    return decode_instruction(cpu, host, base, at, out, ends_run);
  });
}

// The queue as the per-instruction loop leaves it at `address`: IRD its first word, IRC the
// second, PC after them; a word that cannot be fetched faults when it is used.
void M68020FastPath::refill_queue(M68000Core& cpu, std::uint32_t address) {
  cpu.ird_faulted_ = cpu.irc_faulted_ = false;
  cpu.pc_ = address;
  cpu.irc_ = cpu.fetch_word(cpu.pc_);
  cpu.pc_ += 2;
  cpu.prefetch();
}

void M68000Core::run_decoded(Cycles end) {
  if (ird_faulted_ || irc_faulted_ || (sr_ & kTrace)) return;
  const DecodedM68k* instruction = M68020FastPath::lookup(*this, pc_ - 4);
  // The queue may hold words fetched before a store changed them: run those the ordinary way.
  if (!instruction || instruction->opcode != ird_ || instruction->second_word != irc_) return;
  decoded_limit_.store(end, std::memory_order_relaxed);
  if (stop_requested_.load(std::memory_order_relaxed)) return;
  std::uint32_t next = 0;
  DecodedSegment& segment = segment_;
  segment.settled = segment.queue_filled = false;
  for (;;) {
    // A segment: from this entry to the end of its run when the whole run's cost fits in
    // the budget, else this entry alone, so that the run ends after the instruction the
    // per-instruction loop ended with. Its counts are added first; a handler that goes
    // elsewhere (a taken branch) or settles (m68020_decoded.h) ends it early, and what did
    // not run is taken back.
    const DecodedM68k* const first = instruction;
    cycles_ += first->cycles_to_end;
    instructions_ += first->entries_to_end;
    segment.last = cycles_ < decoded_limit_.load(std::memory_order_relaxed)
                       ? first + first->entries_after
                       : first;
    // The entries' handlers call each other while they fall through (fall_through()).
    segment.running = first;
    next = first->handler(*this, *first);
    segment.chained = 0;
    if (segment.settled) [[unlikely]] {
      // The counts are up to the entry that settled, which may be gone (its page dropped).
      cycles_ += segment.settled_cycles;
      ++instructions_;
      segment.settled = false;
      if (next == M68020FastPath::kNextEntry) next = segment.settled_next;
      // Bus wait states were added as they happened (the port's wait sink); a store into a
      // decoded page, an interrupt or a stop request dropped the limit to zero.
      if (cycles_ >= decoded_limit_.load(std::memory_order_relaxed)) break;
      segment.queue_filled = false;
      instruction = segment.running;
    } else {
      instruction = segment.running;
      cycles_ -= instruction->cycles_after;
      instructions_ -= instruction->entries_after;
      if (cycles_ >= decoded_limit_.load(std::memory_order_relaxed)) {
        instruction_pc_ = instruction->address;
        if (next == M68020FastPath::kNextEntry) next = instruction->address + instruction->length;
        break;
      }
    }
    // The limit held, so no store dropped the page: the entry is still there to read.
    if (instruction->taken->address == next) {
      instruction = instruction->taken;
      continue;
    }
    if (next == M68020FastPath::kNextEntry) {
      if (instruction->fall_through != M68020FastPath::kNextEntry) {
        ++instruction;
        continue;
      }
      next = instruction->address + instruction->length;
    } else if (next == instruction->fall_through) {
      ++instruction;
      continue;
    }
    // The loop's current page is the one of the entry that just ran (a fall-through stays
    // on it, a jump elsewhere looks the page up): an entry found there without decoding
    // (which may clear the page) is remembered for the next time.
    M68020DecodedCode& code = *decoded_code_;
    if ((next & ~static_cast<std::uint32_t>(MemoryPort::kPageMask)) == code.current_base) {
      if (const DecodedM68k* found = code.current->find(next & MemoryPort::kPageMask)) {
        if (!(next & 1)) instruction->taken = found;
        instruction = found;
        continue;
      }
    }
    const std::uint32_t ran = instruction->address;
    instruction = M68020FastPath::lookup(*this, next);
    if (!instruction) {
      instruction_pc_ = ran;
      break;
    }
  }
  if (!segment.queue_filled) M68020FastPath::refill_queue(*this, next);
}

}  // namespace anvil::m68k
