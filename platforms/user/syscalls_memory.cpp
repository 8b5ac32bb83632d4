// Memory system calls: brk, mmap/mmap2, munmap, mprotect, mremap, madvise (mm/mmap.c,
// mm/mremap.c semantics, on the guest address space).
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "platforms/user/linux_process.h"

namespace anvil::user {

namespace {

std::uint32_t host_map_flags(const LinuxAbi& abi, std::uint32_t guest, bool& unknown) {
  std::uint32_t host = 0;
  for (const GuestHostPair& pair : abi.mmap_flags) {
    if (guest & pair.guest) {
      host |= pair.host;
      guest &= ~pair.guest;
    }
  }
  unknown = guest != 0;
  return host;
}

}  // namespace

std::optional<std::int64_t> LinuxProcess::memory_call(Sys call, const Args& a) {
  switch (call) {
    case Sys::brk:
      return static_cast<std::int64_t>(space_->set_brk(a[0]));
    case Sys::mmap:
      return do_mmap(a[0], a[1], a[2], a[3], static_cast<std::int32_t>(a[4]), a[5]);
    case Sys::mmap2:
      return do_mmap(a[0], a[1], a[2], a[3], static_cast<std::int32_t>(a[4]),
                     std::uint64_t{a[5]} * 4096);
    case Sys::munmap: {
      if (a[0] % AddressSpace::kPageSize || a[1] == 0) return -EINVAL;
      const Addr size = AddressSpace::page_up(a[1]);
      if (!space_->in_range(a[0], size)) return -EINVAL;
      space_->unmap(a[0], size);
      return 0;
    }
    case Sys::mprotect: {
      if (a[0] % AddressSpace::kPageSize) return -EINVAL;
      if (a[1] == 0) return 0;
      return space_->protect(a[0], AddressSpace::page_up(a[1]), a[2] & 7) ? 0 : -ENOMEM;
    }
    case Sys::mremap:
      return do_mremap(a[0], a[1], a[2], a[3], a[4]);
    case Sys::madvise: {
      // MADV_DONTNEED (4) on private anonymous memory reads back as zeros afterwards.
      if (a[2] == 4 && space_->is_mapped(a[0], AddressSpace::page_up(a[1]))) {
        std::vector<std::uint8_t> zeros(AddressSpace::page_up(a[1]), 0);
        space_->poke(a[0], zeros);
      }
      return 0;
    }
    default:
      return std::nullopt;
  }
}

std::int64_t LinuxProcess::do_mmap(Addr addr, Addr length, unsigned prot, std::uint32_t flags,
                                   int fd, std::uint64_t offset) {
  bool unknown = false;
  const std::uint32_t host = host_map_flags(abi_, flags, unknown);
  if (unknown) return -EINVAL;
  if (length == 0 || offset % AddressSpace::kPageSize) return -EINVAL;
  if ((host & (MAP_SHARED | MAP_PRIVATE)) == 0) return -EINVAL;
  const Addr size = AddressSpace::page_up(length);
  if (size == 0 || size > space_->limit()) return -ENOMEM;
  const bool fixed = host & (MAP_FIXED | MAP_FIXED_NOREPLACE);
  Addr start = AddressSpace::page_down(addr);
  if (fixed) {
    if (addr % AddressSpace::kPageSize || !space_->in_range(start, size)) return -EINVAL;
    if ((host & MAP_FIXED_NOREPLACE) && !space_->is_free(start, size)) return -EEXIST;
  } else if (!(addr && space_->is_free(start, size))) {
    start = space_->find_free(size, abi_.mmap_base);
    if (start == 0) start = space_->find_free(size, AddressSpace::kPageSize * 16);
    if (start == 0) return -ENOMEM;
  }
  std::vector<std::uint8_t> contents;
  if (!(host & MAP_ANONYMOUS)) {
    // HACK: file mappings are copies (MAP_PRIVATE semantics even for MAP_SHARED): the guest
    // sees the file's contents, but writes never reach the file.
    contents.resize(length);
    ssize_t got = pread(fd, contents.data(), contents.size(), static_cast<off_t>(offset));
    if (got < 0) return -errno;
    contents.resize(static_cast<std::size_t>(got));
  }
  space_->map(start, size, prot & 7);
  if (!contents.empty()) space_->poke(start, contents);
  return static_cast<std::int64_t>(start);
}

std::int64_t LinuxProcess::do_mremap(Addr old_address, Addr old_size, Addr new_size,
                                     std::uint32_t flags, Addr new_address) {
  constexpr std::uint32_t kMayMove = 1, kFixed = 2;
  if (old_address % AddressSpace::kPageSize || new_size == 0) return -EINVAL;
  old_size = AddressSpace::page_up(old_size);
  new_size = AddressSpace::page_up(new_size);
  if (!space_->is_mapped(old_address, old_size)) return -EFAULT;
  const unsigned prot = space_->permissions(old_address);
  if (!(flags & kFixed)) {
    if (new_size <= old_size) {
      space_->unmap(old_address + new_size, old_size - new_size);
      return static_cast<std::int64_t>(old_address);
    }
    if (space_->is_free(old_address + old_size, new_size - old_size)) {
      // Grow in place: the new pages come zeroed.
      space_->map(old_address + old_size, new_size - old_size, prot);
      return static_cast<std::int64_t>(old_address);
    }
    if (!(flags & kMayMove)) return -ENOMEM;
    new_address = space_->find_free(new_size, abi_.mmap_base);
    if (new_address == 0) return -ENOMEM;
  } else if (new_address % AddressSpace::kPageSize || !space_->in_range(new_address, new_size)) {
    return -EINVAL;
  }
  std::vector<std::uint8_t> contents(std::min(old_size, new_size));
  space_->debug_transport(false, old_address, contents.data(),
                          static_cast<unsigned>(contents.size()));
  space_->unmap(old_address, old_size);
  space_->map(new_address, new_size, prot);
  space_->poke(new_address, contents);
  return static_cast<std::int64_t>(new_address);
}

}  // namespace anvil::user
