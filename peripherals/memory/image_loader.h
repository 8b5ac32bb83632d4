// Image loaders: ELF32 (either byte order), raw binary and Intel HEX. A loader parses the
// file and hands each block of bytes to an ImageSink (one memory, or the whole platform
// through the router's debug transport). Every bad image throws anvil::ImageError naming the
// file and what is wrong.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace anvil {

enum class ImageFormat : std::uint8_t { Elf, Binary, IntelHex };

// Stores `size` bytes at guest physical `address`; returns how many bytes landed (short when
// the range leaves the memory). `data` null means "fill with zeros" (ELF bss).
using ImageSink = std::function<std::uint64_t(std::uint64_t address, const std::uint8_t* data,
                                              std::uint64_t size)>;

struct ImageOptions {
  // Raw binary: where byte 0 of the file goes.
  std::uint64_t binary_address = 0;
  // ELF: the ISA the image must be for ("arm", "mips", ...; empty: do not check) and the cpu
  // it is for, both for the error message.
  std::string isa;
  std::string cpu_name;
};

struct LoadedImage {
  std::optional<std::uint64_t> entry;  // ELF e_entry, Intel HEX record 05/03
  std::uint64_t bytes_loaded = 0;
};

// "elf", "bin" or "ihex"; nullopt for anything else.
std::optional<ImageFormat> parse_image_format(const std::string& name);
// By extension: .hex/.ihex -> IntelHex, .bin/.img -> Binary, anything else -> Elf.
ImageFormat image_format_for(const std::string& path);

LoadedImage load_image(const std::string& path, ImageFormat format, const ImageSink& sink,
                       const ImageOptions& options);

// The parsers themselves, on bytes already read (`path` is for messages only).
LoadedImage load_elf(const std::string& path, const std::vector<std::uint8_t>& file,
                     const ImageSink& sink, const ImageOptions& options);
LoadedImage load_intel_hex(const std::string& path, const std::string& text, const ImageSink& sink);

}  // namespace anvil
