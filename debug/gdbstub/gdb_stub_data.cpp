// The GdbStub's data packets: registers, memory, flash, qSupported, qXfer, monitor.
#include <algorithm>
#include <bit>
#include <vector>

#include "debug/gdbstub/gdb_stub.h"
#include "debug/gdbstub/hex.h"
#include "debug/gdbstub/stub_replies.h"
#include "debug/gdbstub/xml_documents.h"

namespace anvil {

namespace {

using gdb_reply::kMalformed;

std::string malformed() {
  return std::string(kMalformed);
}

unsigned register_bytes(const RegisterInfo& info) {
  return (info.bits + 7) / 8;
}

// A register's value as bytes in the core's order (GDB manual, 'g' packet: "target byte
// order").
void append_register(std::string& out, Core& core, unsigned index) {
  std::vector<std::uint8_t> value(register_bytes(core.register_info()[index]));
  core.read_register_bytes(index, value);  // least significant first
  if (core.memory().guest_order() == std::endian::big) std::reverse(value.begin(), value.end());
  for (std::uint8_t byte : value) append_hex_byte(out, byte);
}

// The inverse of append_register(); `bytes` holds exactly register_bytes() bytes.
void write_register_bytes(Core& core, unsigned index, std::span<const std::uint8_t> bytes) {
  std::vector<std::uint8_t> value(bytes.begin(), bytes.end());
  if (core.memory().guest_order() == std::endian::big) std::reverse(value.begin(), value.end());
  core.write_register_bytes(index, value);
}

// "addr,length" with both in range: the range must not wrap around the address space.
struct AddressRange {
  Addr address;
  std::uint64_t length;
};
std::optional<AddressRange> parse_range(PacketReader& reader) {
  const auto address = reader.hex_number();
  if (!address || !reader.consume(',')) return std::nullopt;
  const auto length = reader.hex_number();
  if (!length || *address + *length < *address) return std::nullopt;
  return AddressRange{*address, *length};
}

// Debug accesses reach the core's own registers (Core::debug_access) first, then the bus at
// the address the core maps GDB's to (Core::debug_address: MIPS kseg0/kseg1).
unsigned debug_read_some(Core& core, Addr address, std::uint8_t* data, unsigned size) {
  if (const auto done = core.debug_access(false, address, data, size)) return *done;
  return core.memory().debug_read(core.debug_address(address), data, size);
}
unsigned debug_write_some(Core& core, Addr address, const std::uint8_t* data, unsigned size) {
  std::vector<std::uint8_t> bytes(data, data + size);  // debug_access takes a mutable buffer
  if (const auto done = core.debug_access(true, address, bytes.data(), size)) return *done;
  return core.memory().debug_write(core.debug_address(address), data, size);
}

// Writes all of `bytes`, region by region.
bool debug_write_all(Core& core, Addr address, std::span<const std::uint8_t> bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const unsigned written = debug_write_some(core, address + done, bytes.data() + done,
                                              static_cast<unsigned>(bytes.size() - done));
    if (written == 0) return false;
    done += written;
  }
  return true;
}

std::string write_reply(bool ok) {
  return ok ? std::string(gdb_reply::kOk) : std::string(gdb_reply::kMemoryFault);
}

// The board's regions and the cores' own (Core::private_regions, as RAM: readable and
// writable), sorted; a core region that overlaps a board region is left out.
std::vector<MemoryRegion> memory_map(GdbTarget& target) {
  std::vector<MemoryRegion> regions = target.memory_regions();
  const std::size_t board_regions = regions.size();
  for (std::size_t index = 0; index < target.core_count(); ++index) {
    for (const PrivateRegion& own : target.core(index).private_regions()) {
      const bool overlaps = std::any_of(regions.begin(), regions.end(), [&](const auto& r) {
        return own.base < r.start + r.length && r.start < own.base + own.size;
      });
      if (!overlaps) regions.push_back({MemoryRegion::Type::Ram, own.base, own.size, 0});
    }
  }
  if (regions.size() != board_regions) {
    std::sort(regions.begin(), regions.end(),
              [](const MemoryRegion& a, const MemoryRegion& b) { return a.start < b.start; });
  }
  return regions;
}

// The largest binary payload that fits a reply after a one-letter prefix.
constexpr std::size_t kMaxReplyData = RspConnection::kMaxPacketSize - 1;

}  // namespace

std::string GdbStub::read_registers() {
  Core& core = selected_core();
  std::string reply;
  for (unsigned index = 0; index < core.register_info().size(); ++index) {
    append_register(reply, core, index);
  }
  return reply;
}

std::string GdbStub::write_registers(std::string_view packet) {
  Core& core = selected_core();
  const auto registers = core.register_info();
  std::size_t total = 0;
  for (const RegisterInfo& info : registers) total += register_bytes(info);
  const auto bytes = hex_decode(packet);
  if (!bytes || bytes->size() != total) return malformed();
  std::size_t offset = 0;
  for (unsigned index = 0; index < registers.size(); ++index) {
    const unsigned size = register_bytes(registers[index]);
    write_register_bytes(core, index, std::span(*bytes).subspan(offset, size));
    offset += size;
  }
  return std::string(gdb_reply::kOk);
}

std::string GdbStub::read_one_register(std::string_view packet) {
  PacketReader reader(packet);
  const auto index = reader.hex_number();
  Core& core = selected_core();
  if (!index || !reader.at_end() || *index >= core.register_info().size()) return malformed();
  std::string reply;
  append_register(reply, core, static_cast<unsigned>(*index));
  return reply;
}

std::string GdbStub::write_one_register(std::string_view packet) {
  PacketReader reader(packet);
  const auto index = reader.hex_number();
  Core& core = selected_core();
  if (!index || !reader.consume('=') || *index >= core.register_info().size()) {
    return malformed();
  }
  const auto bytes = hex_decode(reader.rest());
  if (!bytes || bytes->size() != register_bytes(core.register_info()[*index])) {
    return malformed();
  }
  write_register_bytes(core, static_cast<unsigned>(*index), *bytes);
  return std::string(gdb_reply::kOk);
}

// m addr,length: as many bytes as are readable from addr on (a short read is allowed by the
// protocol), E14 if not even the first byte is; at most what fits one reply packet.
std::string GdbStub::read_memory(std::string_view packet) {
  PacketReader reader(packet);
  const auto range = parse_range(reader);
  if (!range || !reader.at_end()) return malformed();
  const std::size_t wanted = std::min<std::uint64_t>(range->length, kMaxReplyData / 2);
  std::vector<std::uint8_t> bytes(wanted);
  std::size_t done = 0;
  while (done < wanted) {
    const unsigned read =
        debug_read_some(selected_core(), range->address + done, bytes.data() + done,
                        static_cast<unsigned>(wanted - done));
    if (read == 0) break;
    done += read;
  }
  if (done == 0 && wanted != 0) return std::string(gdb_reply::kMemoryFault);
  return hex_encode(std::span(bytes.data(), done));
}

// M addr,length:hex
std::string GdbStub::write_memory_hex(std::string_view packet) {
  PacketReader reader(packet);
  const auto range = parse_range(reader);
  if (!range || !reader.consume(':')) return malformed();
  const auto bytes = hex_decode(reader.rest());
  if (!bytes || bytes->size() != range->length) return malformed();
  return write_reply(debug_write_all(selected_core(), range->address, *bytes));
}

// X addr,length:binary (escaped). Length 0 is GDB probing whether X works.
std::string GdbStub::write_memory_binary(std::string_view packet) {
  PacketReader reader(packet);
  const auto range = parse_range(reader);
  if (!range || !reader.consume(':')) return malformed();
  const auto data = unescape_binary(reader.rest());
  if (!data || data->size() != range->length) return malformed();
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(data->data());
  return write_reply(
      debug_write_all(selected_core(), range->address, std::span(bytes, data->size())));
}

// vFlashErase:addr,length: erased flash reads as 0xff. The flash model's debug writes
// store directly, so erasing is writing 0xff.
std::string GdbStub::flash_erase(std::string_view packet) {
  PacketReader reader(packet);
  const auto range = parse_range(reader);
  constexpr std::uint64_t kMaxErase = std::uint64_t{1} << 30;
  if (!range || !reader.at_end() || range->length > kMaxErase) return malformed();
  const std::vector<std::uint8_t> erased(std::min<std::uint64_t>(range->length, 0x10000), 0xff);
  for (std::uint64_t done = 0; done < range->length; done += erased.size()) {
    const std::size_t chunk = std::min<std::uint64_t>(erased.size(), range->length - done);
    if (!debug_write_all(selected_core(), range->address + done, std::span(erased.data(), chunk))) {
      return std::string(gdb_reply::kMemoryFault);
    }
  }
  return std::string(gdb_reply::kOk);
}

// vFlashWrite:addr:binary
std::string GdbStub::flash_write(std::string_view packet) {
  PacketReader reader(packet);
  const auto address = reader.hex_number();
  if (!address || !reader.consume(':')) return malformed();
  const auto data = unescape_binary(reader.rest());
  if (!data || *address + data->size() < *address) return malformed();
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(data->data());
  return write_reply(debug_write_all(selected_core(), *address, std::span(bytes, data->size())));
}

// qSupported[:gdbfeature;...]: GDB manual, "General Query Packets", qSupported.
std::string GdbStub::supported(std::string_view packet) {
  PacketReader reader(packet.substr(std::string_view("qSupported").size()));
  if (reader.consume(':')) {
    while (!reader.at_end()) {
      const std::string_view feature = reader.take_until(';');
      if (feature == "swbreak+") gdb_reports_swbreak_ = true;
      if (feature == "hwbreak+") gdb_reports_hwbreak_ = true;
      reader.consume(';');
    }
  }
  return "PacketSize=" + hex_number(RspConnection::kMaxPacketSize) +
         ";qXfer:features:read+;qXfer:memory-map:read+;qXfer:threads:read+"
         ";swbreak+;hwbreak+;vContSupported+;QStartNoAckMode+";
}

// qXfer:object:read:annex:offset,length -> m<data> (more follows) or l<data> (the end).
std::string GdbStub::transfer(std::string_view packet) {
  PacketReader reader(packet.substr(std::string_view("qXfer:").size()));
  const std::string_view object = reader.take_until(':');
  if (object != "features" && object != "memory-map" && object != "threads") {
    return std::string(gdb_reply::kUnsupported);
  }
  if (!reader.consume(":read:")) return std::string(gdb_reply::kUnsupported);
  const std::string_view annex = reader.take_until(':');
  if (!reader.consume(':')) return std::string(gdb_reply::kBadAnnex);
  const auto offset = reader.hex_number();
  if (!offset || !reader.consume(',')) return std::string(gdb_reply::kBadAnnex);
  const auto length = reader.hex_number();
  if (!length || !reader.at_end()) return std::string(gdb_reply::kBadAnnex);

  std::string document;
  if (object == "features" && annex == "target.xml") {
    document = target_description_xml(target_.architecture(), target_.core(0).register_info());
  } else if (object == "memory-map" && annex.empty()) {
    document = memory_map_xml(memory_map(target_));
  } else if (object == "threads" && annex.empty()) {
    document = thread_list_xml(target_);
  } else {
    return std::string(gdb_reply::kBadAnnex);
  }

  if (*offset >= document.size()) return "l";
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(document.data()) + *offset;
  const std::size_t available = document.size() - *offset;
  const std::size_t wanted = std::min<std::uint64_t>(*length, available);
  std::size_t consumed = 0;
  const std::string data = escape_binary_prefix(std::span(bytes, wanted), kMaxReplyData, consumed);
  return (consumed == available ? "l" : "m") + data;
}

// qRcmd,hex(command): the output goes to GDB's console as O packets, then OK.
std::string GdbStub::monitor(std::string_view packet) {
  const auto command_bytes = hex_decode(packet);
  if (!command_bytes) return malformed();
  const std::string command(command_bytes->begin(), command_bytes->end());
  std::optional<std::string> output = target_.monitor(command);
  if (!output) output = "Unknown monitor command '" + command + "'.\n";
  constexpr std::size_t kChunk = kMaxReplyData / 2;
  for (std::size_t at = 0; at < output->size(); at += kChunk) {
    connection_.send("O" + hex_encode(std::string_view(*output).substr(at, kChunk)));
  }
  return std::string(gdb_reply::kOk);
}

// qThreadExtraInfo,thread: a hex-encoded description shown by `info threads`.
std::string GdbStub::thread_extra_info(std::string_view packet) {
  PacketReader reader(packet);
  const auto id = reader.thread_id();
  if (!id || !reader.at_end() || !valid_thread(*id)) return malformed();
  Core& core = target_.core(static_cast<std::size_t>(*id - 1));
  return hex_encode(std::string(core.model()));
}

}  // namespace anvil
