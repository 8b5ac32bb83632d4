// A guest structure built or read field by field in guest byte order, so system calls never
// depend on host structure layouts.
#pragma once

#include <bit>
#include <cstdint>
#include <vector>

#include "cores/common/types.h"
#include "platforms/user/linux_abi.h"

namespace anvil::user {

class GuestStruct {
 public:
  GuestStruct(std::size_t size, std::endian order) : bytes_(size, 0), order_(order) {}
  GuestStruct(std::vector<std::uint8_t> bytes, std::endian order)
      : bytes_(std::move(bytes)), order_(order) {}

  void put(std::size_t offset, unsigned size, std::uint64_t value) {
    if (size == 0 || offset + size > bytes_.size()) return;
    for (unsigned i = 0; i < size; ++i) {
      const unsigned shift = order_ == std::endian::big ? 8 * (size - 1 - i) : 8 * i;
      bytes_[offset + i] = static_cast<std::uint8_t>(value >> shift);
    }
  }
  void put(FieldAt field, std::uint64_t value) { put(field.offset, field.size, value); }
  void put32(std::size_t offset, std::uint32_t value) { put(offset, 4, value); }

  std::uint64_t get(std::size_t offset, unsigned size) const {
    std::uint64_t value = 0;
    if (size == 0 || offset + size > bytes_.size()) return 0;
    for (unsigned i = 0; i < size; ++i) {
      const unsigned shift = order_ == std::endian::big ? 8 * (size - 1 - i) : 8 * i;
      value |= std::uint64_t{bytes_[offset + i]} << shift;
    }
    return value;
  }
  std::uint64_t get(FieldAt field) const { return get(field.offset, field.size); }
  std::uint32_t get32(std::size_t offset) const {
    return static_cast<std::uint32_t>(get(offset, 4));
  }

  std::vector<std::uint8_t>& bytes() { return bytes_; }
  const std::vector<std::uint8_t>& bytes() const { return bytes_; }
  std::size_t size() const { return bytes_.size(); }

  bool write_to(GuestMemory& memory, Addr address) const { return memory.write(address, bytes_); }
  bool read_from(const GuestMemory& memory, Addr address) { return memory.read(address, bytes_); }

 private:
  std::vector<std::uint8_t> bytes_;
  std::endian order_;
};

}  // namespace anvil::user
