#include "peripherals/router/router.h"
#include "peripherals/common/hex.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace anvil {

namespace {

std::string describe(const Router::Region& r) {
  return "\"" + r.name + "\" [" + hex(r.base) + ", " + hex(r.last()) + "]";
}

}  // namespace

Router::Router(sc_core::sc_module_name name)
    : sc_core::sc_module(name),
      target_socket("target_socket"),
      initiator_socket("initiator_socket") {
  target_socket.register_b_transport(this, &Router::b_transport);
  target_socket.register_get_direct_mem_ptr(this, &Router::get_direct_mem_ptr);
  target_socket.register_transport_dbg(this, &Router::transport_dbg);
  initiator_socket.register_invalidate_direct_mem_ptr(this, &Router::invalidate_direct_mem_ptr);
}

void Router::map(const std::string& name, std::uint64_t base, std::uint64_t size,
                 tlm::tlm_target_socket<>& target) {
  Region region{name, base, size, static_cast<unsigned>(by_port_.size())};
  if (size == 0 || base + size - 1 < base)
    throw std::invalid_argument("region \"" + name + "\" at " + hex(base) + " has size " +
                                hex(size) + ", which is empty or wraps past the address space");
  for (const Region& other : regions_) {
    if (base <= other.last() && other.base <= region.last())
      throw std::invalid_argument("region " + describe(region) + " overlaps " + describe(other));
  }
  initiator_socket.bind(target);
  auto at = std::upper_bound(regions_.begin(), regions_.end(), base,
                             [](std::uint64_t b, const Region& r) { return b < r.base; });
  regions_.insert(at, region);
  // Regions moved; rebuild the port index.
  by_port_.assign(by_port_.size() + 1, nullptr);
  for (const Region& r : regions_) by_port_[r.port] = &r;
}

const Router::Region* Router::decode(std::uint64_t address) const {
  auto it = std::upper_bound(regions_.begin(), regions_.end(), address,
                             [](std::uint64_t a, const Region& r) { return a < r.base; });
  if (it == regions_.begin()) return nullptr;
  --it;
  return address <= it->last() ? &*it : nullptr;
}

void Router::b_transport(int, tlm::tlm_generic_payload& payload, sc_core::sc_time& delay) {
  const std::uint64_t address = payload.get_address();
  const Region* region = decode(address);
  const unsigned length = payload.get_data_length();
  // The whole access must fall in one region; an access running off its end is unmapped.
  if (!region || length == 0 || address + length - 1 > region->last()) {
    payload.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  payload.set_address(address - region->base);
  initiator_socket[region->port]->b_transport(payload, delay);
  payload.set_address(address);
}

bool Router::get_direct_mem_ptr(int, tlm::tlm_generic_payload& payload, tlm::tlm_dmi& dmi) {
  const std::uint64_t address = payload.get_address();
  const Region* region = decode(address);
  if (!region) {
    // No DMI anywhere around an unmapped address: deny the gap up to the next region.
    dmi.set_start_address(address);
    dmi.set_end_address(address);
    return false;
  }
  payload.set_address(address - region->base);
  const bool granted = initiator_socket[region->port]->get_direct_mem_ptr(payload, dmi);
  payload.set_address(address);
  // Target-local range -> global range, clipped to the region (the target may be bigger
  // than the window it is mapped through).
  std::uint64_t start = dmi.get_start_address() + region->base;
  std::uint64_t end = dmi.get_end_address() > region->size - 1
                          ? region->last()
                          : dmi.get_end_address() + region->base;
  if (start < region->base) start = region->base;
  dmi.set_start_address(start);
  dmi.set_end_address(end);
  return granted;
}

unsigned Router::transport_dbg(int, tlm::tlm_generic_payload& payload) {
  const std::uint64_t address = payload.get_address();
  const Region* region = decode(address);
  if (!region) return 0;
  // A debug access running off the region is cut short there (the caller sees a short count).
  const unsigned length = payload.get_data_length();
  const std::uint64_t room = region->last() - address + 1;
  const unsigned clipped = room < length ? static_cast<unsigned>(room) : length;
  payload.set_address(address - region->base);
  payload.set_data_length(clipped);
  const unsigned done = initiator_socket[region->port]->transport_dbg(payload);
  payload.set_address(address);
  payload.set_data_length(length);
  return done;
}

void Router::invalidate_direct_mem_ptr(int port, sc_dt::uint64 start, sc_dt::uint64 end) {
  const Region* region = by_port_.at(static_cast<unsigned>(port));
  if (start > region->size - 1) return;  // outside the mapped window
  const std::uint64_t first = start + region->base;
  const std::uint64_t last = end > region->size - 1 ? region->last() : end + region->base;
  for (unsigned i = 0; i < target_socket.size(); ++i)
    target_socket[i]->invalidate_direct_mem_ptr(first, last);
}

}  // namespace anvil
