// The XML documents GDB reads with qXfer: the target description (GDB manual, "Target
// Descriptions" / "Target Description Format"), the memory map ("Memory Map Format") and
// the thread list ("Thread List Format").
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "cores/common/core.h"
#include "debug/gdbstub/gdb_target.h"

namespace anvil {

// target.xml from a core's register_info(): registers grouped by gdb_feature into
// <feature> blocks (in order of first appearance), each <reg> numbered by its index, which
// is the order of the 'g' packet.
std::string target_description_xml(std::string_view architecture,
                                   std::span<const RegisterInfo> registers);
std::string memory_map_xml(std::span<const MemoryRegion> regions);
std::string thread_list_xml(GdbTarget& target);

// Escapes &, <, >, " and ' for use inside an attribute value or text.
std::string xml_escape(std::string_view text);

}  // namespace anvil
