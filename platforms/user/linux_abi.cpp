#include "platforms/user/linux_abi.h"

#include <cstring>
#include <stdexcept>
#include <string>

namespace anvil::user {

namespace {
template <class T>
T from_guest(std::endian order, T value) {
  return order == std::endian::native ? value : anvil::byteswap(value);
}
}  // namespace

bool GuestMemory::read_u32(Addr address, std::uint32_t& value) const {
  std::uint8_t bytes[4];
  if (!read(address, bytes)) return false;
  std::memcpy(&value, bytes, 4);
  value = from_guest(byte_order(), value);
  return true;
}

bool GuestMemory::write_u32(Addr address, std::uint32_t value) {
  std::uint8_t bytes[4];
  value = from_guest(byte_order(), value);
  std::memcpy(bytes, &value, 4);
  return write(address, bytes);
}

bool GuestMemory::read_u64(Addr address, std::uint64_t& value) const {
  std::uint8_t bytes[8];
  if (!read(address, bytes)) return false;
  std::memcpy(&value, bytes, 8);
  value = from_guest(byte_order(), value);
  return true;
}

bool GuestMemory::write_u64(Addr address, std::uint64_t value) {
  std::uint8_t bytes[8];
  value = from_guest(byte_order(), value);
  std::memcpy(bytes, &value, 8);
  return write(address, bytes);
}

CoreRegisters::CoreRegisters(Core& core) : core_(&core) {}

unsigned CoreRegisters::index(std::string_view names) const {
  const auto registers = core_->register_info();
  std::string_view rest = names;
  while (!rest.empty()) {
    const auto bar = rest.find('|');
    const std::string_view name = rest.substr(0, bar);
    for (unsigned i = 0; i < registers.size(); ++i)
      if (registers[i].name == name) return i;
    rest = bar == std::string_view::npos ? std::string_view{} : rest.substr(bar + 1);
  }
  throw std::invalid_argument("core " + std::string(core_->model()) + " has no register named " +
                              std::string(names));
}

}  // namespace anvil::user
