// Memory: RAM, ROM or flash on the bus, with DMI everywhere. ROM and flash refuse bus writes
// (TLM_COMMAND_ERROR_RESPONSE) and grant read-only DMI; debug writes (loaders, debuggers)
// always succeed, so images load into ROM like into RAM.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include <tlm_utils/simple_target_socket.h>
#include <systemc>
#include <tlm>

namespace anvil {

enum class MemoryKind : std::uint8_t { Ram, Rom, Flash };

std::string_view memory_kind_name(MemoryKind kind);  // "ram", "rom", "flash"

class Memory : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<Memory> socket;

  // `size` bytes, zero-filled. `latency` is added to every timed access (and stated in the
  // DMI grant); zero models single-cycle on-chip memory.
  Memory(sc_core::sc_module_name name, std::uint64_t size, MemoryKind kind,
         sc_core::sc_time latency = sc_core::SC_ZERO_TIME);

  MemoryKind memory_kind() const { return kind_; }
  std::uint64_t size() const { return size_; }
  std::uint8_t* data() { return bytes_.get(); }

  // Tells every initiator holding a DMI pointer into [first, last] (local offsets) to drop it.
  void invalidate_direct_access(std::uint64_t first, std::uint64_t last);

 private:
  struct FreeBytes {
    void operator()(std::uint8_t* p) const { std::free(p); }
  };

  void b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  bool get_direct_mem_ptr(tlm::tlm_generic_payload& payload, tlm::tlm_dmi& dmi);
  unsigned transport_dbg(tlm::tlm_generic_payload& payload);

  std::uint64_t size_;
  MemoryKind kind_;
  sc_core::sc_time latency_;
  // calloc'd: the host maps zero pages lazily, so a large, mostly unused RAM costs nothing.
  std::unique_ptr<std::uint8_t, FreeBytes> bytes_;
};

}  // namespace anvil
