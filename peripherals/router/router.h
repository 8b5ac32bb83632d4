// Router: the bus. Initiators (CpuModules) bind to `target_socket`; every target is mapped at
// a base address with map(). Addresses are translated to target-local offsets on the way
// down and DMI ranges translated back on the way up, so targets know nothing of the map.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>
#include <systemc>
#include <tlm>

namespace anvil {

class Router : public sc_core::sc_module {
 public:
  tlm_utils::multi_passthrough_target_socket<Router> target_socket;        // from initiators
  tlm_utils::multi_passthrough_initiator_socket<Router> initiator_socket;  // to targets

  struct Region {
    std::string name;
    std::uint64_t base = 0;
    std::uint64_t size = 0;
    unsigned port = 0;  // index into initiator_socket
    std::uint64_t last() const { return base + size - 1; }
  };

  explicit Router(sc_core::sc_module_name name);

  // Maps `target` at [base, base + size). Throws std::invalid_argument naming both regions
  // when the range overlaps one already mapped, or when size is zero or wraps.
  void map(const std::string& name, std::uint64_t base, std::uint64_t size,
           tlm::tlm_target_socket<>& target);

  // The map sorted by base address.
  const std::vector<Region>& regions() const { return regions_; }
  // The region holding `address`, or null.
  const Region* decode(std::uint64_t address) const;

 private:
  void b_transport(int from, tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  bool get_direct_mem_ptr(int from, tlm::tlm_generic_payload& payload, tlm::tlm_dmi& dmi);
  unsigned transport_dbg(int from, tlm::tlm_generic_payload& payload);
  void invalidate_direct_mem_ptr(int port, sc_dt::uint64 start, sc_dt::uint64 end);

  std::vector<Region> regions_;  // sorted by base
  std::vector<const Region*> by_port_;
};

}  // namespace anvil
