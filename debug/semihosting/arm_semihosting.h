// ARM semihosting (the "Angel" debug interface, v2.0 as QEMU implements it): the host services
// a guest reaches through BKPT 0xAB (M profile) with the operation in r0 and a parameter in r1.
// Spec: "Semihosting for AArch32 and AArch64", ARM IHI 0080 (cited as SH below).
//
// Everything the guest can reach is bounded: file names are confined to `root_dir`, guest
// pointers are read with debug accesses and a bad one fails the call with EFAULT, time is
// simulated time (the run stays deterministic).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cores/common/semihosting.h"
#include "cores/common/types.h"

namespace anvil {

// The four words SYS_HEAPINFO hands to the C library's start-up code. A zero tells the C
// library to choose that bound itself (newlib then uses the linker's `end` and its stack).
struct SemihostingHeapInfo {
  std::uint32_t heap_base = 0;
  std::uint32_t heap_limit = 0;
  std::uint32_t stack_base = 0;   // highest address of the stack (initial SP)
  std::uint32_t stack_limit = 0;  // lowest address of the stack
};

struct ArmSemihostingConfig {
  // Directory that SYS_OPEN/REMOVE/RENAME names are relative to. Empty: every file
  // operation fails with EACCES (":tt" and ":semihosting-features" still work).
  std::string root_dir;
  // What SYS_GET_CMDLINE returns (program name and arguments, space-separated).
  std::string cmdline;
  // Core clock in Hz: SYS_CLOCK, SYS_TIME and SYS_TICKFREQ derive time from cycle_count().
  std::uint64_t clock_hz = 25'000'000;
  // SYS_TIME returns epoch_seconds + simulated seconds; 0 keeps runs reproducible.
  std::int64_t epoch_seconds = 0;
  SemihostingHeapInfo heap;
  // Guest writes to stdout (":tt" opened for writing, SYS_WRITEC, SYS_WRITE0).
  std::function<void(std::string_view)> console_output;
  // Guest writes to stderr (":tt" opened for appending); null: console_output.
  std::function<void(std::string_view)> console_error;
  // One byte of console input, or -1 at end of input; null: input is always at its end.
  std::function<int()> console_input;
  // The guest asked to exit with this status (SYS_EXIT, SYS_EXIT_EXTENDED). The callback
  // must stop the core (the platform calls core.request_stop() and records the code).
  std::function<void(int)> exit;
};

class ArmSemihosting : public SemihostingHandler {
 public:
  // SH 6.1 and 6.2: the operation numbers.
  enum Operation : std::uint32_t {
    kSysOpen = 0x01,
    kSysClose = 0x02,
    kSysWritec = 0x03,
    kSysWrite0 = 0x04,
    kSysWrite = 0x05,
    kSysRead = 0x06,
    kSysReadc = 0x07,
    kSysIserror = 0x08,
    kSysIstty = 0x09,
    kSysSeek = 0x0A,
    kSysFlen = 0x0C,
    kSysTmpnam = 0x0D,
    kSysRemove = 0x0E,
    kSysRename = 0x0F,
    kSysClock = 0x10,
    kSysTime = 0x11,
    kSysSystem = 0x12,
    kSysErrno = 0x13,
    kSysGetCmdline = 0x15,
    kSysHeapinfo = 0x16,
    kSysExit = 0x18,
    kSysExitExtended = 0x20,
    kSysElapsed = 0x30,
    kSysTickfreq = 0x31,
  };
  // SH 6.5 (SYS_EXIT): the reason code of a normal application exit.
  static constexpr std::uint32_t kApplicationExit = 0x20026;
  // The status reported for every other SYS_EXIT reason (a run-time error, a trap): the same
  // value qemu uses, so a guest fails the same way on both.
  static constexpr int kAbnormalExitStatus = 1;

  explicit ArmSemihosting(ArmSemihostingConfig config);
  ~ArmSemihosting() override;

  std::uint32_t call(Core& core, std::uint32_t op, std::uint32_t param) override;

 private:
  struct OpenFile;
  class GuestMemory;
  struct Transfer {
    OpenFile* file = nullptr;
    std::uint32_t address = 0, length = 0;
  };

  std::int32_t open(GuestMemory& guest, std::uint32_t param);
  std::int32_t close(GuestMemory& guest, std::uint32_t param);
  std::int32_t write_char(GuestMemory& guest, std::uint32_t address);
  std::int32_t write_string(GuestMemory& guest, std::uint32_t address);
  // Returns 0, or the errno that fails the call.
  int read_transfer_block(GuestMemory& guest, std::uint32_t param, Transfer& transfer);
  std::int32_t write(GuestMemory& guest, std::uint32_t param);
  std::int32_t read(GuestMemory& guest, std::uint32_t param);
  std::int32_t read_char();
  std::int32_t is_tty(GuestMemory& guest, std::uint32_t param);
  std::int32_t seek(GuestMemory& guest, std::uint32_t param);
  std::int32_t file_length(GuestMemory& guest, std::uint32_t param);
  std::int32_t temporary_name(GuestMemory& guest, std::uint32_t param);
  std::int32_t remove(GuestMemory& guest, std::uint32_t param);
  std::int32_t rename(GuestMemory& guest, std::uint32_t param);
  std::int32_t get_cmdline(GuestMemory& guest, std::uint32_t param);
  std::int32_t heap_info(GuestMemory& guest, std::uint32_t param);
  std::int32_t elapsed(GuestMemory& guest, Core& core, std::uint32_t address);
  std::int32_t exit(std::uint32_t reason, std::uint32_t subcode, bool has_subcode);

  // Host path for a guest file name, or nullopt (errno set) when it would leave root_dir.
  std::optional<std::string> host_path(const std::string& guest_name);
  OpenFile* find(std::uint32_t handle);
  void console_write(bool to_stderr, std::string_view text);
  std::int32_t fail(int error);  // records `error` for SYS_ERRNO and returns -1

  ArmSemihostingConfig config_;
  std::map<std::uint32_t, std::unique_ptr<OpenFile>> files_;
  std::uint32_t next_handle_ = 1;
  int last_errno_ = 0;
};

}  // namespace anvil
