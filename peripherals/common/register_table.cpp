#include "peripherals/common/register_table.h"
#include "peripherals/common/hex.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace anvil {

void RegisterTable::add(Register reg) {
  if (reg.width != 1 && reg.width != 2 && reg.width != 4)
    throw std::logic_error(device_ + ": register " + reg.name + " has width " +
                           std::to_string(reg.width) + " (must be 1, 2 or 4)");
  if (reg.offset % reg.width != 0)
    throw std::logic_error(device_ + ": register " + reg.name + " at " + hex(reg.offset, 1) +
                           " is not aligned to its width");
  for (const auto& [offset, slot] : slots_) {
    const bool overlap = reg.offset < offset + slot.reg.width && offset < reg.offset + reg.width;
    if (overlap)
      throw std::logic_error(device_ + ": register " + reg.name + " at " + hex(reg.offset, 1) +
                             " overlaps " + slot.reg.name + " at " + hex(offset, 1));
  }
  const std::uint32_t offset = reg.offset;
  const std::uint32_t reset_value = reg.reset;
  slots_.emplace(offset, Slot{std::move(reg), reset_value});
}

void RegisterTable::reset() {
  for (auto& [offset, slot] : slots_) slot.value = slot.reg.reset;
}

std::uint32_t& RegisterTable::stored(std::uint32_t offset) {
  auto it = slots_.find(offset);
  if (it == slots_.end()) throw std::logic_error(device_ + ": no register at " + hex(offset, 1));
  return it->second.value;
}

RegisterTable::Slot* RegisterTable::find(std::uint64_t offset, unsigned size,
                                         tlm::tlm_response_status& why) {
  auto it = slots_.upper_bound(static_cast<std::uint32_t>(offset));
  if (offset > UINT32_MAX || it == slots_.begin()) {
    why = tlm::TLM_ADDRESS_ERROR_RESPONSE;
    return nullptr;
  }
  --it;
  Slot& slot = it->second;
  const std::uint64_t end = std::uint64_t{slot.reg.offset} + slot.reg.width;
  if (offset >= end) {
    why = tlm::TLM_ADDRESS_ERROR_RESPONSE;
    return nullptr;
  }
  if (offset + size > end) {
    why = tlm::TLM_BURST_ERROR_RESPONSE;
    return nullptr;
  }
  const bool full = size == slot.reg.width && offset == slot.reg.offset;
  const bool aligned = (size == 1 || size == 2) && offset % size == 0;
  if (!full && !(slot.reg.allow_narrow && aligned)) {
    why = tlm::TLM_GENERIC_ERROR_RESPONSE;
    return nullptr;
  }
  return &slot;
}

std::uint32_t RegisterTable::current(const Slot& slot) const {
  return slot.reg.read ? slot.reg.read() : slot.value;
}

// Byte k of the register's bus image is bits 8k+7..8k of its value in little-endian order,
// bits 8(width-1-k)+7.. in big-endian order.
void RegisterTable::to_bytes(std::uint32_t value, unsigned width, unsigned lane, unsigned size,
                             std::uint8_t* data) const {
  for (unsigned i = 0; i < size; ++i) {
    const unsigned k = lane + i;
    const unsigned shift = 8 * (order_ == std::endian::little ? k : width - 1 - k);
    data[i] = static_cast<std::uint8_t>(value >> shift);
  }
}

std::uint32_t RegisterTable::merge_bytes(std::uint32_t value, unsigned width, unsigned lane,
                                         unsigned size, const std::uint8_t* data) const {
  for (unsigned i = 0; i < size; ++i) {
    const unsigned k = lane + i;
    const unsigned shift = 8 * (order_ == std::endian::little ? k : width - 1 - k);
    value = (value & ~(0xFFu << shift)) | (std::uint32_t{data[i]} << shift);
  }
  return value;
}

void RegisterTable::transport(tlm::tlm_generic_payload& payload, std::uint64_t offset) {
  const unsigned size = payload.get_data_length();
  if (payload.get_byte_enable_ptr() ||
      (payload.get_streaming_width() != 0 && payload.get_streaming_width() < size) || size == 0 ||
      size > 4) {
    payload.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
    return;
  }
  tlm::tlm_response_status why = tlm::TLM_OK_RESPONSE;
  Slot* slot = find(offset, size, why);
  if (!slot) {
    if (why == tlm::TLM_ADDRESS_ERROR_RESPONSE && !holes_are_errors_) {
      // APB holes: read as zero, writes ignored.
      if (payload.is_read()) std::fill_n(payload.get_data_ptr(), size, 0);
      payload.set_response_status(tlm::TLM_OK_RESPONSE);
      return;
    }
    payload.set_response_status(why);
    return;
  }
  const Register& reg = slot->reg;
  const unsigned lane = static_cast<unsigned>(offset - reg.offset);
  if (payload.is_read()) {
    if (reg.access == RegisterAccess::WriteOnly) {
      payload.set_response_status(tlm::TLM_GENERIC_ERROR_RESPONSE);
      return;
    }
    to_bytes(current(*slot), reg.width, lane, size, payload.get_data_ptr());
    if (reg.after_read) reg.after_read();
  } else if (payload.is_write()) {
    if (reg.access == RegisterAccess::ReadOnly) {
      payload.set_response_status(tlm::TLM_GENERIC_ERROR_RESPONSE);
      return;
    }
    const std::uint32_t merged =
        merge_bytes(current(*slot), reg.width, lane, size, payload.get_data_ptr());
    if (reg.write_lanes)
      reg.write_lanes(merged, lane, size);
    else if (reg.write)
      reg.write(merged);
    else
      slot->value = merged;
  }
  payload.set_response_status(tlm::TLM_OK_RESPONSE);
}

unsigned RegisterTable::debug_transport(tlm::tlm_generic_payload& payload, std::uint64_t offset) {
  if (!payload.is_read()) return 0;
  const unsigned size = payload.get_data_length();
  std::uint8_t* data = payload.get_data_ptr();
  // Byte by byte, so a debugger dumping a whole device sees every register and zero holes.
  for (unsigned i = 0; i < size; ++i) {
    auto it = slots_.upper_bound(static_cast<std::uint32_t>(offset + i));
    data[i] = 0;
    if (it == slots_.begin()) continue;
    --it;
    const Slot& slot = it->second;
    if (offset + i >= std::uint64_t{slot.reg.offset} + slot.reg.width) continue;
    if (slot.reg.access == RegisterAccess::WriteOnly) continue;
    to_bytes(current(slot), slot.reg.width, static_cast<unsigned>(offset + i - slot.reg.offset), 1,
             data + i);
  }
  return size;
}

}  // namespace anvil
