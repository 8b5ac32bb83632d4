#include "debug/gdbstub/xml_documents.h"

#include <vector>

#include "debug/gdbstub/hex.h"

namespace anvil {

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

namespace {

void append_attribute(std::string& out, std::string_view name, std::string_view value) {
  out += ' ';
  out += name;
  out += "=\"";
  out += xml_escape(value);
  out += '"';
}

std::string_view memory_type_name(MemoryRegion::Type type) {
  switch (type) {
    case MemoryRegion::Type::Ram:
      return "ram";
    case MemoryRegion::Type::Rom:
      return "rom";
    case MemoryRegion::Type::Flash:
      return "flash";
  }
  return "ram";
}

}  // namespace

std::string target_description_xml(std::string_view architecture,
                                   std::span<const RegisterInfo> registers) {
  std::vector<std::string_view> features;
  for (const RegisterInfo& info : registers) {
    bool seen = false;
    for (std::string_view feature : features) seen = seen || feature == info.gdb_feature;
    if (!seen) features.push_back(info.gdb_feature);
  }

  std::string out =
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
      "<target version=\"1.0\">\n";
  if (!architecture.empty()) {
    out += "  <architecture>" + xml_escape(architecture) + "</architecture>\n";
  }
  for (std::string_view feature : features) {
    out += "  <feature";
    append_attribute(out, "name", feature);
    out += ">\n";
    for (std::size_t index = 0; index < registers.size(); ++index) {
      const RegisterInfo& info = registers[index];
      if (info.gdb_feature != feature) continue;
      out += "    <reg";
      append_attribute(out, "name", info.name);
      append_attribute(out, "bitsize", std::to_string(info.bits));
      append_attribute(out, "regnum", std::to_string(index));
      if (!info.gdb_type.empty()) append_attribute(out, "type", info.gdb_type);
      if (!info.group.empty()) append_attribute(out, "group", info.group);
      out += "/>\n";
    }
    out += "  </feature>\n";
  }
  out += "</target>\n";
  return out;
}

std::string memory_map_xml(std::span<const MemoryRegion> regions) {
  std::string out =
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE memory-map PUBLIC \"+//IDN gnu.org//DTD GDB Memory Map V1.0//EN\" "
      "\"http://sourceware.org/gdb/gdb-memory-map.dtd\">\n"
      "<memory-map>\n";
  for (const MemoryRegion& region : regions) {
    out += "  <memory";
    append_attribute(out, "type", memory_type_name(region.type));
    append_attribute(out, "start", "0x" + hex_number(region.start));
    append_attribute(out, "length", "0x" + hex_number(region.length));
    if (region.type == MemoryRegion::Type::Flash) {
      out += ">\n    <property name=\"blocksize\">0x" + hex_number(region.flash_block_size) +
             "</property>\n  </memory>\n";
    } else {
      out += "/>\n";
    }
  }
  out += "</memory-map>\n";
  return out;
}

std::string thread_list_xml(GdbTarget& target) {
  std::string out = "<?xml version=\"1.0\"?>\n<threads>\n";
  for (std::size_t index = 0; index < target.core_count(); ++index) {
    out += "  <thread";
    append_attribute(out, "id", hex_number(index + 1));
    append_attribute(out, "core", std::to_string(index));
    append_attribute(out, "name", target.core_name(index));
    out += ">" + xml_escape(target.core(index).model()) + "</thread>\n";
  }
  out += "</threads>\n";
  return out;
}

}  // namespace anvil
