#include "debug/semihosting/arm_semihosting.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

#include "cores/common/core.h"

namespace anvil {

namespace {

// SH 6.1 (SYS_OPEN): the file name ":tt" is the console, ":semihosting-features" the
// feature-bits file (SH 2.2.3).
constexpr std::string_view kConsoleName = ":tt";
constexpr std::string_view kFeaturesName = ":semihosting-features";
// SH 2.2.3: magic "SHFB", then one byte of feature bits: bit 0 SH_EXT_EXIT_EXTENDED,
// bit 1 SH_EXT_STDOUT_STDERR (":tt" opened for appending is stderr).
constexpr std::uint8_t kFeatureBytes[] = {'S', 'H', 'F', 'B', 0x03};

// Longest NUL-terminated string SYS_WRITE0 copies, so a guest pointer into endless non-zero
// memory cannot make the host loop for ever.
constexpr std::uint32_t kMaxGuestString = 1u << 20;

enum class FileKind { ConsoleIn, ConsoleOut, ConsoleErr, Host, Features };

// SH 6.1: open modes 0..11 are fopen's "r", "rb", "r+", "r+b", "w", "wb", "w+", "w+b", "a",
// "ab", "a+", "a+b"; pairs differ only in "b", which POSIX ignores.
int posix_open_flags(std::uint32_t mode) {
  static constexpr int kFlags[] = {
      O_RDONLY,
      O_RDWR,
      O_WRONLY | O_CREAT | O_TRUNC,
      O_RDWR | O_CREAT | O_TRUNC,
      O_WRONLY | O_CREAT | O_APPEND,
      O_RDWR | O_CREAT | O_APPEND,
  };
  return kFlags[mode / 2];
}

}  // namespace

struct ArmSemihosting::OpenFile {
  FileKind kind;
  int fd = -1;                    // Host
  std::uint32_t features_at = 0;  // Features: read position
  ~OpenFile() {
    if (fd >= 0) ::close(fd);
  }
};

// Guest memory as seen through debug accesses, in the guest's byte order. Every method
// returns false when any byte is unmapped; the caller then fails the call with EFAULT.
class ArmSemihosting::GuestMemory {
 public:
  explicit GuestMemory(Core& core) : port_(core.memory()) {}

  bool read_bytes(std::uint32_t address, void* data, std::uint32_t size) {
    return size == 0 || port_.debug_read(address, data, size) == size;
  }
  bool write_bytes(std::uint32_t address, const void* data, std::uint32_t size) {
    return size == 0 || port_.debug_write(address, data, size) == size;
  }
  bool read_word(std::uint32_t address, std::uint32_t& value) {
    if (!read_bytes(address, &value, 4)) return false;
    value = port_.to_host(value);
    return true;
  }
  bool write_word(std::uint32_t address, std::uint32_t value) {
    value = port_.to_host(value);  // the conversion is its own inverse
    return write_bytes(address, &value, 4);
  }
  // Word `index` of the parameter block at `block`.
  bool field(std::uint32_t block, unsigned index, std::uint32_t& value) {
    return read_word(block + 4 * index, value);
  }
  bool read_string(std::uint32_t address, std::uint32_t length, std::string& text) {
    text.resize(length);
    return read_bytes(address, text.data(), length);
  }
  bool read_terminated_string(std::uint32_t address, std::string& text) {
    text.clear();
    for (std::uint32_t i = 0; i < kMaxGuestString; ++i) {
      char c;
      if (!read_bytes(address + i, &c, 1)) return false;
      if (c == '\0') return true;
      text.push_back(c);
    }
    return false;
  }

 private:
  MemoryPort& port_;
};

ArmSemihosting::ArmSemihosting(ArmSemihostingConfig config) : config_(std::move(config)) {
  if (config_.clock_hz == 0) config_.clock_hz = 1;  // a division by zero is not an answer
}

ArmSemihosting::~ArmSemihosting() = default;

std::int32_t ArmSemihosting::fail(int error) {
  last_errno_ = error;
  return -1;
}

ArmSemihosting::OpenFile* ArmSemihosting::find(std::uint32_t handle) {
  auto it = files_.find(handle);
  return it == files_.end() ? nullptr : it->second.get();
}

void ArmSemihosting::console_write(bool to_stderr, std::string_view text) {
  if (to_stderr && config_.console_error) {
    config_.console_error(text);
  } else if (config_.console_output) {
    config_.console_output(text);
  }
}

std::uint32_t ArmSemihosting::call(Core& core, std::uint32_t op, std::uint32_t param) {
  GuestMemory guest(core);
  const Cycles cycles = core.cycle_count();
  const std::uint64_t seconds = cycles / config_.clock_hz;
  std::int32_t result = -1;
  switch (op) {
    case kSysOpen:
      result = open(guest, param);
      break;
    case kSysClose:
      result = close(guest, param);
      break;
    case kSysWritec:
      result = write_char(guest, param);
      break;
    case kSysWrite0:
      result = write_string(guest, param);
      break;
    case kSysWrite:
      result = write(guest, param);
      break;
    case kSysRead:
      result = read(guest, param);
      break;
    case kSysReadc:
      result = read_char();
      break;
    case kSysIserror: {
      std::uint32_t status;
      if (!guest.field(param, 0, status)) return fail(EFAULT);
      result = static_cast<std::int32_t>(status) < 0 ? 1 : 0;
      break;
    }
    case kSysIstty:
      result = is_tty(guest, param);
      break;
    case kSysSeek:
      result = seek(guest, param);
      break;
    case kSysFlen:
      result = file_length(guest, param);
      break;
    case kSysTmpnam:
      result = temporary_name(guest, param);
      break;
    case kSysRemove:
      result = remove(guest, param);
      break;
    case kSysRename:
      result = rename(guest, param);
      break;
    case kSysClock: {
      // SH 6.8: centiseconds since the start; simulated time, split so it cannot overflow.
      const std::uint64_t centis =
          seconds * 100 + (cycles % config_.clock_hz) * 100 / config_.clock_hz;
      result = static_cast<std::int32_t>(centis);
      break;
    }
    case kSysTime:
      result = static_cast<std::int32_t>(config_.epoch_seconds + seconds);
      break;
    case kSysSystem:
      result = fail(ENOSYS);
      break;  // a guest never runs host commands
    case kSysErrno:
      result = last_errno_;
      break;
    case kSysGetCmdline:
      result = get_cmdline(guest, param);
      break;
    case kSysHeapinfo:
      result = heap_info(guest, param);
      break;
    case kSysExit:
      result = exit(param, 0, false);
      break;
    case kSysExitExtended: {
      std::uint32_t reason, subcode;
      if (!guest.field(param, 0, reason) || !guest.field(param, 1, subcode)) return fail(EFAULT);
      result = exit(reason, subcode, true);
      break;
    }
    case kSysElapsed:
      result = elapsed(guest, core, param);
      break;
    case kSysTickfreq:
      result = static_cast<std::int32_t>(config_.clock_hz);
      break;
    default:
      result = fail(ENOSYS);
      break;
  }
  return static_cast<std::uint32_t>(result);
}

std::int32_t ArmSemihosting::open(GuestMemory& guest, std::uint32_t param) {
  std::uint32_t name_address, mode, length;
  std::string name;
  if (!guest.field(param, 0, name_address) || !guest.field(param, 1, mode) ||
      !guest.field(param, 2, length) || !guest.read_string(name_address, length, name)) {
    return fail(EFAULT);
  }
  if (mode > 11) return fail(EINVAL);
  auto file = std::make_unique<OpenFile>();
  if (name == kConsoleName) {
    // SH 6.1: "r" modes are stdin, "w" modes stdout, "a" modes stderr.
    file->kind = mode < 4   ? FileKind::ConsoleIn
                 : mode < 8 ? FileKind::ConsoleOut
                            : FileKind::ConsoleErr;
  } else if (name == kFeaturesName) {
    if (mode > 1) return fail(EACCES);  // read-only
    file->kind = FileKind::Features;
  } else {
    const std::optional<std::string> path = host_path(name);
    if (!path) return -1;
    file->kind = FileKind::Host;
    file->fd = ::open(path->c_str(), posix_open_flags(mode) | O_CLOEXEC, 0644);
    if (file->fd < 0) return fail(errno);
  }
  const std::uint32_t handle = next_handle_++;
  files_.emplace(handle, std::move(file));
  return static_cast<std::int32_t>(handle);
}

std::int32_t ArmSemihosting::close(GuestMemory& guest, std::uint32_t param) {
  std::uint32_t handle;
  if (!guest.field(param, 0, handle)) return fail(EFAULT);
  if (files_.erase(handle) == 0) return fail(EBADF);
  return 0;
}

std::int32_t ArmSemihosting::write_char(GuestMemory& guest, std::uint32_t address) {
  char c;
  if (!guest.read_bytes(address, &c, 1)) return fail(EFAULT);
  console_write(false, std::string_view(&c, 1));
  return 0;
}

std::int32_t ArmSemihosting::write_string(GuestMemory& guest, std::uint32_t address) {
  std::string text;
  if (!guest.read_terminated_string(address, text)) return fail(EFAULT);
  console_write(false, text);
  return 0;
}

// The {handle, buffer, length} block of SYS_READ and SYS_WRITE (SH 6.17, 6.23).
int ArmSemihosting::read_transfer_block(GuestMemory& guest, std::uint32_t param,
                                        Transfer& transfer) {
  std::uint32_t handle;
  if (!guest.field(param, 0, handle) || !guest.field(param, 1, transfer.address) ||
      !guest.field(param, 2, transfer.length)) {
    return EFAULT;
  }
  transfer.file = find(handle);
  return transfer.file ? 0 : EBADF;
}

// SH 6.23: returns the number of bytes NOT written (0 on success).
std::int32_t ArmSemihosting::write(GuestMemory& guest, std::uint32_t param) {
  Transfer transfer;
  if (const int error = read_transfer_block(guest, param, transfer)) return fail(error);
  OpenFile* const file = transfer.file;
  const std::uint32_t length = transfer.length;
  std::string data;
  if (!guest.read_string(transfer.address, length, data)) return fail(EFAULT);
  switch (file->kind) {
    case FileKind::ConsoleOut:
    case FileKind::ConsoleErr:
      console_write(file->kind == FileKind::ConsoleErr, data);
      return 0;
    case FileKind::Host: {
      const ssize_t written = ::write(file->fd, data.data(), data.size());
      if (written < 0) return fail(errno);
      return static_cast<std::int32_t>(length - static_cast<std::uint32_t>(written));
    }
    default:
      return fail(EBADF);  // stdin and the features file are read-only
  }
}

// SH 6.17: returns the number of bytes NOT read (the whole length at end of file).
std::int32_t ArmSemihosting::read(GuestMemory& guest, std::uint32_t param) {
  Transfer transfer;
  if (const int error = read_transfer_block(guest, param, transfer)) return fail(error);
  OpenFile* const file = transfer.file;
  const std::uint32_t address = transfer.address, length = transfer.length;
  std::string data;
  switch (file->kind) {
    case FileKind::ConsoleIn:
      // Like a terminal: a read ends at a newline, so line-by-line programs work.
      while (data.size() < length && config_.console_input) {
        const int c = config_.console_input();
        if (c < 0) break;
        data.push_back(static_cast<char>(c));
        if (c == '\n') break;
      }
      break;
    case FileKind::Features:
      while (data.size() < length && file->features_at < sizeof(kFeatureBytes)) {
        data.push_back(static_cast<char>(kFeatureBytes[file->features_at++]));
      }
      break;
    case FileKind::Host: {
      data.resize(length);
      const ssize_t got = ::read(file->fd, data.data(), length);
      if (got < 0) return fail(errno);
      data.resize(static_cast<std::size_t>(got));
      break;
    }
    default:
      return fail(EBADF);
  }
  if (!guest.write_bytes(address, data.data(), static_cast<std::uint32_t>(data.size()))) {
    return fail(EFAULT);
  }
  return static_cast<std::int32_t>(length - data.size());
}

std::int32_t ArmSemihosting::read_char() {
  if (!config_.console_input) return -1;
  return config_.console_input();
}

std::int32_t ArmSemihosting::is_tty(GuestMemory& guest, std::uint32_t param) {
  std::uint32_t handle;
  if (!guest.field(param, 0, handle)) return fail(EFAULT);
  const OpenFile* file = find(handle);
  if (!file) return fail(EBADF);
  return file->kind == FileKind::ConsoleIn || file->kind == FileKind::ConsoleOut ||
                 file->kind == FileKind::ConsoleErr
             ? 1
             : 0;
}

std::int32_t ArmSemihosting::seek(GuestMemory& guest, std::uint32_t param) {
  std::uint32_t handle, position;
  if (!guest.field(param, 0, handle) || !guest.field(param, 1, position)) return fail(EFAULT);
  OpenFile* file = find(handle);
  if (!file) return fail(EBADF);
  if (file->kind == FileKind::Features) {
    if (position > sizeof(kFeatureBytes)) return fail(EINVAL);
    file->features_at = position;
    return 0;
  }
  if (file->kind != FileKind::Host) return fail(ESPIPE);
  if (::lseek(file->fd, static_cast<off_t>(position), SEEK_SET) < 0) return fail(errno);
  return 0;
}

std::int32_t ArmSemihosting::file_length(GuestMemory& guest, std::uint32_t param) {
  std::uint32_t handle;
  if (!guest.field(param, 0, handle)) return fail(EFAULT);
  const OpenFile* file = find(handle);
  if (!file) return fail(EBADF);
  if (file->kind == FileKind::Features) return sizeof(kFeatureBytes);
  if (file->kind != FileKind::Host) return fail(EINVAL);  // a console has no length
  struct stat status;
  if (::fstat(file->fd, &status) < 0) return fail(errno);
  return static_cast<std::int32_t>(status.st_size);
}

// SH 6.20: a name (relative to root_dir, so SYS_OPEN accepts it) unique per id 0..255.
std::int32_t ArmSemihosting::temporary_name(GuestMemory& guest, std::uint32_t param) {
  std::uint32_t address, id, capacity;
  if (!guest.field(param, 0, address) || !guest.field(param, 1, id) ||
      !guest.field(param, 2, capacity)) {
    return fail(EFAULT);
  }
  if (id > 255) return fail(EINVAL);
  char name[32];
  const int length = std::snprintf(name, sizeof name, "anvil-tmp-%03u", static_cast<unsigned>(id));
  if (static_cast<std::uint32_t>(length) + 1 > capacity) return fail(ENAMETOOLONG);
  if (!guest.write_bytes(address, name, static_cast<std::uint32_t>(length) + 1))
    return fail(EFAULT);
  return 0;
}

std::int32_t ArmSemihosting::remove(GuestMemory& guest, std::uint32_t param) {
  std::uint32_t address, length;
  std::string name;
  if (!guest.field(param, 0, address) || !guest.field(param, 1, length) ||
      !guest.read_string(address, length, name)) {
    return fail(EFAULT);
  }
  const std::optional<std::string> path = host_path(name);
  if (!path) return -1;
  if (::unlink(path->c_str()) < 0) return fail(errno);
  return 0;
}

std::int32_t ArmSemihosting::rename(GuestMemory& guest, std::uint32_t param) {
  std::uint32_t from_address, from_length, to_address, to_length;
  std::string from, to;
  if (!guest.field(param, 0, from_address) || !guest.field(param, 1, from_length) ||
      !guest.field(param, 2, to_address) || !guest.field(param, 3, to_length) ||
      !guest.read_string(from_address, from_length, from) ||
      !guest.read_string(to_address, to_length, to)) {
    return fail(EFAULT);
  }
  const std::optional<std::string> from_path = host_path(from);
  if (!from_path) return -1;
  const std::optional<std::string> to_path = host_path(to);
  if (!to_path) return -1;
  if (::rename(from_path->c_str(), to_path->c_str()) < 0) return fail(errno);
  return 0;
}

// SH 6.10: copies the command line with its NUL and stores its length (without the NUL).
std::int32_t ArmSemihosting::get_cmdline(GuestMemory& guest, std::uint32_t param) {
  std::uint32_t address, capacity;
  if (!guest.field(param, 0, address) || !guest.field(param, 1, capacity)) return fail(EFAULT);
  const auto length = static_cast<std::uint32_t>(config_.cmdline.size());
  if (length + 1 > capacity) return fail(E2BIG);
  if (!guest.write_bytes(address, config_.cmdline.c_str(), length + 1) ||
      !guest.write_word(param + 4, length)) {
    return fail(EFAULT);
  }
  return 0;
}

// SH 6.11: r1 points to a word that holds the address of the four-word result block.
std::int32_t ArmSemihosting::heap_info(GuestMemory& guest, std::uint32_t param) {
  std::uint32_t block;
  const SemihostingHeapInfo& heap = config_.heap;
  if (!guest.read_word(param, block) || !guest.write_word(block, heap.heap_base) ||
      !guest.write_word(block + 4, heap.heap_limit) ||
      !guest.write_word(block + 8, heap.stack_base) ||
      !guest.write_word(block + 12, heap.stack_limit)) {
    return fail(EFAULT);
  }
  return 0;
}

// SH 6.24: a 64-bit tick count (ticks of SYS_TICKFREQ: core cycles), low word first.
std::int32_t ArmSemihosting::elapsed(GuestMemory& guest, Core& core, std::uint32_t address) {
  const Cycles ticks = core.cycle_count();
  if (!guest.write_word(address, static_cast<std::uint32_t>(ticks)) ||
      !guest.write_word(address + 4, static_cast<std::uint32_t>(ticks >> 32))) {
    return fail(EFAULT);
  }
  return 0;
}

// SH 6.5, 6.6: only ADP_Stopped_ApplicationExit is a normal exit; its subcode (from
// SYS_EXIT_EXTENDED) is the status. Any other reason is a failure.
std::int32_t ArmSemihosting::exit(std::uint32_t reason, std::uint32_t subcode, bool has_subcode) {
  int status = kAbnormalExitStatus;
  if (reason == kApplicationExit) status = has_subcode ? static_cast<int>(subcode) : 0;
  if (config_.exit) config_.exit(status);
  return 0;
}

std::optional<std::string> ArmSemihosting::host_path(const std::string& guest_name) {
  namespace fs = std::filesystem;
  if (config_.root_dir.empty()) {
    fail(EACCES);
    return std::nullopt;
  }
  if (guest_name.empty() || guest_name.find('\0') != std::string::npos) {
    fail(ENOENT);
    return std::nullopt;
  }
  const fs::path relative(guest_name);
  if (relative.is_absolute()) {
    fail(EACCES);
    return std::nullopt;
  }
  for (const fs::path& part : relative) {
    if (part == "..") {
      fail(EACCES);
      return std::nullopt;
    }
  }
  // A symbolic link inside the root may still point outside it: compare resolved paths.
  std::error_code error;
  const fs::path root = fs::weakly_canonical(config_.root_dir, error);
  const fs::path resolved = fs::weakly_canonical(root / relative, error);
  if (error) {
    fail(ENOENT);
    return std::nullopt;
  }
  const fs::path inside = resolved.lexically_relative(root);
  if (inside.empty() || *inside.begin() == "..") {
    fail(EACCES);
    return std::nullopt;
  }
  return resolved.string();
}

}  // namespace anvil
