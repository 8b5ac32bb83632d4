// Memory types: "ram", "rom", "flash".
#include "peripherals/memory/memory.h"
#include "platforms/elaboration/builtin_types.h"
#include "platforms/elaboration/params.h"
#include "platforms/elaboration/platform.h"

namespace anvil {

namespace {

std::vector<ParamProblem> check_memory(const ComponentDesc& c) {
  std::vector<ParamProblem> problems;
  const std::int64_t size = integer_param(c, "size").value_or(0);
  const std::int64_t offset = integer_param(c, "image_offset").value_or(0);
  if (offset < 0 || (size > 0 && offset >= size))
    problems.push_back({"image_offset", "outside the memory"});
  const auto format = string_param(c, "format");
  if (format && !parse_image_format(*format))
    problems.push_back({"format", "unknown image format \"" + *format + "\" (elf, bin or ihex)"});
  return problems;
}

void build_memory(Platform& platform, const ComponentDesc& c, MemoryKind kind) {
  const std::int64_t base = required_integer(c, "base");
  const std::int64_t size = required_integer(c, "size");
  if (base < 0) param_error(c, "base", "must not be negative");
  if (size <= 0) param_error(c, "size", "must be positive");
  throw_first(c, check_memory(c));
  auto& memory =
      platform.add_module<Memory>(c.name.c_str(), static_cast<std::uint64_t>(size), kind);
  platform.map_memory(c, static_cast<Addr>(base), memory);

  const auto image = path_param(c, "image");
  if (!image) return;
  Platform::ImageRequest request;
  request.component = &c;
  request.path = *image;
  request.memory = &memory;
  request.memory_base = static_cast<Addr>(base);
  request.offset = static_cast<Addr>(integer_param(c, "image_offset").value_or(0));
  if (auto format = string_param(c, "format")) request.format = parse_image_format(*format);
  platform.load_image_later(std::move(request));
}

ModuleType memory_type(const std::string& name, MemoryKind kind, const std::string& summary) {
  return {
      .kind = "memory",
      .name = name,
      .summary = summary,
      .params =
          {
              {"base", ParamType::Integer, true, "physical base address"},
              {"size", ParamType::Integer, true, "size in bytes"},
              {"image", ParamType::Path, false,
               "image loaded at start (ELF, raw binary, Intel HEX)"},
              {"image_offset", ParamType::Integer, false,
               "raw binary: byte offset in this memory where the file goes (default 0)"},
              {"format", ParamType::String, false,
               "image format: \"elf\", \"bin\" or \"ihex\" (default: by extension, else elf)"},
          },
      .build = [kind](Platform& p, const ComponentDesc& c) { build_memory(p, c, kind); },
      .check_params = check_memory,
  };
}

}  // namespace

void register_memory_types(Registry& registry) {
  registry.add(memory_type("ram", MemoryKind::Ram, "read/write memory"));
  registry.add(memory_type("rom", MemoryKind::Rom, "read-only memory; bus writes are errors"));
  registry.add(memory_type("flash", MemoryKind::Flash,
                           "flash, read-only on the bus (programming not modelled)"));
}

}  // namespace anvil
