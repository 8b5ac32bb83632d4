#include "platforms/user/initial_stack.h"

#include <utility>

#include "platforms/errors.h"

namespace anvil::user {

namespace {

constexpr Addr kWord = 4;  // every user-mode guest so far is 32-bit

class StackWriter {
 public:
  StackWriter(AddressSpace& space, Addr top, Addr bottom)
      : space_(space), sp_(top), bottom_(bottom) {}
  Addr push_bytes(const void* data, std::size_t size) {
    if (sp_ - bottom_ < size) throw ImageError("arguments and environment do not fit the stack");
    sp_ -= size;
    space_.poke(sp_, {static_cast<const std::uint8_t*>(data), size});
    return sp_;
  }
  Addr push_string(const std::string& s) { return push_bytes(s.c_str(), s.size() + 1); }
  void align(Addr alignment) { sp_ &= ~(alignment - 1); }
  void reserve(Addr size) {
    if (sp_ - bottom_ < size) throw ImageError("arguments and environment do not fit the stack");
    sp_ -= size;
  }
  Addr sp() const { return sp_; }

 private:
  AddressSpace& space_;
  Addr sp_;
  Addr bottom_;
};

}  // namespace

Addr build_initial_stack(AddressSpace& space, const LinuxAbi& abi, const LoadedProgram& program,
                         const StackRequest& request) {
  const Addr bottom = abi.stack_top - abi.stack_size;
  space.map(bottom, abi.stack_size, kPermRead | kPermWrite);
  StackWriter stack(space, abi.stack_top, bottom);

  // Strings first, at the top, as Linux does: execfn, then the environment and arguments.
  stack.reserve(kWord);  // a NULL word at the very top
  const Addr execfn = stack.push_string(request.execfn);
  std::vector<Addr> env_addresses, arg_addresses;
  for (auto it = request.env.rbegin(); it != request.env.rend(); ++it)
    env_addresses.insert(env_addresses.begin(), stack.push_string(*it));
  for (auto it = request.args.rbegin(); it != request.args.rend(); ++it)
    arg_addresses.insert(arg_addresses.begin(), stack.push_string(*it));
  const Addr platform =
      request.features.platform.empty() ? 0 : stack.push_string(request.features.platform);
  stack.align(16);
  const Addr random = stack.push_bytes(request.random.data(), request.random.size());

  const std::pair<std::uint32_t, Addr> aux[] = {
      {AT_HWCAP, request.features.hwcap},
      {AT_PAGESZ, AddressSpace::kPageSize},
      {AT_CLKTCK, 100},
      {AT_PHDR, program.phdr},
      {AT_PHENT, program.phent},
      {AT_PHNUM, program.phnum},
      {AT_BASE, 0},
      {AT_FLAGS, 0},
      {AT_ENTRY, program.entry},
      {AT_UID, request.identity.uid},
      {AT_EUID, request.identity.euid},
      {AT_GID, request.identity.gid},
      {AT_EGID, request.identity.egid},
      {AT_SECURE, 0},
      {AT_RANDOM, random},
      {AT_HWCAP2, request.features.hwcap2},
      {AT_EXECFN, execfn},
      {AT_PLATFORM, platform},
      {AT_NULL, 0},
  };
  std::vector<std::uint32_t> words;
  words.push_back(static_cast<std::uint32_t>(request.args.size()));
  for (Addr a : arg_addresses) words.push_back(static_cast<std::uint32_t>(a));
  words.push_back(0);
  for (Addr a : env_addresses) words.push_back(static_cast<std::uint32_t>(a));
  words.push_back(0);
  for (const auto& [key, value] : aux) {
    if (key == AT_PLATFORM && value == 0) continue;
    words.push_back(key);
    words.push_back(static_cast<std::uint32_t>(value));
  }
  stack.reserve(words.size() * kWord);
  stack.align(16);
  const Addr sp = stack.sp();
  for (std::size_t i = 0; i < words.size(); ++i) space.write_u32(sp + i * kWord, words[i]);
  return sp;
}

}  // namespace anvil::user
