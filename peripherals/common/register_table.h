// RegisterTable: a peripheral's registers as data (offset, width, reset value, access,
// hooks). The one place that decides access size, alignment, byte lanes and reset, so
// every device model handles a wrong-size or misaligned access the same way.
#pragma once

#include <bit>
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include <tlm>

namespace anvil {

enum class RegisterAccess : std::uint8_t { ReadWrite, ReadOnly, WriteOnly };

struct Register {
  std::string name;          // "DATA", as the device's manual names it
  std::uint32_t offset = 0;  // from the device base, aligned to width
  unsigned width = 4;        // bytes: 1, 2 or 4
  std::uint32_t reset = 0;   // value after reset()
  RegisterAccess access = RegisterAccess::ReadWrite;
  // Narrower accesses are allowed (byte lanes of the register); otherwise only full width.
  bool allow_narrow = false;
  // Value a read returns (no side effects; also used by debug reads). Null: the stored value.
  std::function<std::uint32_t()> read = nullptr;
  // Side effects of a bus read (e.g. popping a receive buffer). Not called on debug reads.
  std::function<void()> after_read = nullptr;
  // A bus write, with the narrow lanes already merged into the current value. Null: store.
  std::function<void(std::uint32_t value)> write = nullptr;
  // For registers whose effect depends on which bytes a narrow write covered (a 32-bit
  // register written a half at a time, acting on the last half): called instead of `write`
  // with the merged value, the first byte written (from `offset`, in bus order) and the
  // number of bytes. The hook stores the value itself (stored(offset)) if it should persist.
  std::function<void(std::uint32_t value, unsigned lane, unsigned size)> write_lanes = nullptr;
};

class RegisterTable {
 public:
  // `device` names the device in error messages. Register values travel in `order` on the
  // bus (CMSDK APB peripherals are little endian).
  explicit RegisterTable(std::string device, std::endian order = std::endian::little)
      : device_(std::move(device)), order_(order) {}

  // Adds a register; throws std::logic_error when it overlaps another or is misaligned.
  void add(Register reg);
  // Holes between registers: read as zero and ignore writes (APB default) or fail.
  void set_holes_are_errors(bool errors) { holes_are_errors_ = errors; }

  // Every register to its reset value.
  void reset();
  // The stored value of the register at `offset` (for hooks that keep state there).
  std::uint32_t& stored(std::uint32_t offset);

  // A timed bus access at `offset` from the device base: sets the payload's response.
  // Wrong size or misalignment: TLM_GENERIC_ERROR_RESPONSE; an access spanning two registers
  // or a streaming/byte-enabled burst: TLM_BURST_ERROR_RESPONSE; write to a read-only
  // register (or read of write-only): TLM_GENERIC_ERROR_RESPONSE.
  void transport(tlm::tlm_generic_payload& payload, std::uint64_t offset);
  // A debug access: reads use `read` hooks without side effects; writes are refused (0).
  unsigned debug_transport(tlm::tlm_generic_payload& payload, std::uint64_t offset);

 private:
  struct Slot {
    Register reg;
    std::uint32_t value = 0;
  };
  // The register holding [offset, offset + size), or null (hole or spanning access).
  Slot* find(std::uint64_t offset, unsigned size, tlm::tlm_response_status& why);
  std::uint32_t current(const Slot& slot) const;
  void to_bytes(std::uint32_t value, unsigned width, unsigned lane, unsigned size,
                std::uint8_t* data) const;
  std::uint32_t merge_bytes(std::uint32_t value, unsigned width, unsigned lane, unsigned size,
                            const std::uint8_t* data) const;

  std::string device_;
  std::endian order_;
  bool holes_are_errors_ = false;
  std::map<std::uint32_t, Slot> slots_;  // by offset
};

}  // namespace anvil
