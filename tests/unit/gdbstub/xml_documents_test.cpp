// target.xml, the memory map and the thread list: well formed, and matching the GDB
// manual's "Target Description Format", "Memory Map Format" and "Thread List Format".
#include "debug/gdbstub/xml_documents.h"

#include <catch2/catch.hpp>

#include "tests/unit/gdbstub/mini_xml.h"
#include "tests/unit/gdbstub/stub_session.h"

using namespace anvil;
using namespace anvil::test;

using Replies = std::vector<std::string>;

TEST_CASE("the test's XML reader rejects broken documents") {
  for (const char* broken : {"<a>", "<a></b>", "<a x=1/>", "<a x='1' x='2'/>", "<a/><b/>",
                             "<a>&bogus;</a>", "<a>1 < 2</a>"}) {
    CHECK_THROWS(MiniXml::parse(broken));
  }
  CHECK_NOTHROW(MiniXml::parse("<?xml version=\"1.0\"?><a x=\"&amp;\"><b/>t</a>"));
}

TEST_CASE("target.xml groups registers by feature and numbers them as register_info") {
  FakeTarget target;
  const auto registers = target.core(0).register_info();
  const std::string xml = target_description_xml("arm", registers);
  CHECK(xml.starts_with("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">"));
  const auto root = MiniXml::parse(xml);
  CHECK(root->name == "target");
  REQUIRE(root->all("architecture").size() == 1);
  CHECK(root->all("architecture")[0]->text == "arm");
  const auto features = root->all("feature");
  REQUIRE(features.size() == 2);
  CHECK(features[0]->attributes.at("name") == "org.gnu.gdb.arm.m-profile");
  CHECK(features[1]->attributes.at("name") == "org.gnu.gdb.arm.m-system");

  std::vector<const XmlElement*> regs;
  for (const XmlElement* feature : features) {
    for (const XmlElement* reg : feature->all("reg")) regs.push_back(reg);
  }
  REQUIRE(regs.size() == registers.size());
  for (std::size_t i = 0; i < regs.size(); ++i) {
    INFO("register " << i);
    CHECK(regs[i]->attributes.at("name") == registers[i].name);
    CHECK(regs[i]->attributes.at("regnum") == std::to_string(i));
    CHECK(regs[i]->attributes.at("bitsize") == std::to_string(registers[i].bits));
    CHECK(regs[i]->attributes.at("type") == registers[i].gdb_type);
    CHECK(regs[i]->attributes.at("group") == registers[i].group);
  }
  // GDB's m-profile feature requires these names (GDB manual, "ARM Features").
  CHECK(regs[13]->attributes.at("name") == "sp");
  CHECK(regs[15]->attributes.at("name") == "pc");
  CHECK(regs[16]->attributes.at("name") == "xpsr");
}

TEST_CASE("features interleaved in register_info keep each register's regnum") {
  const std::vector<RegisterInfo> registers = {
      {"a", 32, "f1", "int", ""}, {"b", 64, "f2", "", ""}, {"c<&>", 8, "f1", "int", ""}};
  const auto root = MiniXml::parse(target_description_xml("", registers));
  CHECK(root->all("architecture").empty());
  const auto features = root->all("feature");
  REQUIRE(features.size() == 2);
  const auto f1 = features[0]->all("reg");
  REQUIRE(f1.size() == 2);
  CHECK(f1[0]->attributes.at("regnum") == "0");
  CHECK(f1[1]->attributes.at("regnum") == "2");
  CHECK(f1[1]->attributes.at("name") == "c<&>");  // escaped in the document
  const auto f2 = features[1]->all("reg");
  REQUIRE(f2.size() == 1);
  CHECK(f2[0]->attributes.at("regnum") == "1");
  CHECK(f2[0]->attributes.count("type") == 0);
}

TEST_CASE("the memory map lists ram, rom and flash with its block size") {
  const std::vector<MemoryRegion> regions = {{MemoryRegion::Type::Flash, 0, 0x40000, 0x800},
                                             {MemoryRegion::Type::Rom, 0x1fff0000, 0x7000, 0},
                                             {MemoryRegion::Type::Ram, 0x20000000, 0x10000, 0}};
  const std::string xml = memory_map_xml(regions);
  CHECK(xml.find("<!DOCTYPE memory-map PUBLIC \"+//IDN gnu.org//DTD GDB Memory Map V1.0//EN\" "
                 "\"http://sourceware.org/gdb/gdb-memory-map.dtd\">") != std::string::npos);
  const auto root = MiniXml::parse(xml);
  CHECK(root->name == "memory-map");
  const auto memories = root->all("memory");
  REQUIRE(memories.size() == 3);
  CHECK(memories[0]->attributes == std::map<std::string, std::string>{
                                       {"type", "flash"}, {"start", "0x0"}, {"length", "0x40000"}});
  REQUIRE(memories[0]->all("property").size() == 1);
  CHECK(memories[0]->all("property")[0]->attributes.at("name") == "blocksize");
  CHECK(memories[0]->all("property")[0]->text == "0x800");
  CHECK(memories[1]->attributes.at("type") == "rom");
  CHECK(memories[2]->attributes == std::map<std::string, std::string>{{"type", "ram"},
                                                                      {"start", "0x20000000"},
                                                                      {"length", "0x10000"}});
  CHECK(memories[2]->children.empty());
}

TEST_CASE("the thread list has one thread per core") {
  FakeTarget target(2);
  const auto root = MiniXml::parse(thread_list_xml(target));
  CHECK(root->name == "threads");
  const auto threads = root->all("thread");
  REQUIRE(threads.size() == 2);
  CHECK(threads[1]->attributes.at("id") == "2");
  CHECK(threads[1]->attributes.at("core") == "1");
  CHECK(threads[1]->attributes.at("name") == "cpu1");
  CHECK(threads[1]->text == "cortex-m3");
}

namespace {
// Reads a qXfer object through the stub in chunks of `chunk` bytes, as GDB does.
std::string read_object(FakeTarget& target, const std::string& object, const std::string& annex,
                        std::size_t chunk) {
  std::string document;
  for (int round = 0; round < 1000; ++round) {
    char request[128];
    std::snprintf(request, sizeof request, "qXfer:%s:read:%s:%zx,%zx", object.c_str(),
                  annex.c_str(), document.size(), chunk);
    ScriptedStream stream;
    stream.chunks = {frame(request)};
    GdbStub stub(target, stream);
    stub.serve();
    const std::vector<std::string> replies = without_acks(split_output(stream.output));
    REQUIRE(replies.size() == 1);
    const std::string& reply = replies.front();
    REQUIRE(!reply.empty());
    REQUIRE((reply[0] == 'm' || reply[0] == 'l'));
    const auto data = unescape_binary(std::string_view(reply).substr(1));
    REQUIRE(data);
    CHECK(data->size() <= chunk);
    document += *data;
    if (reply[0] == 'l') return document;
  }
  FAIL("qXfer never ended");
  return document;
}
}  // namespace

TEST_CASE("qXfer returns the documents in m/l chunks that add up to the whole") {
  FakeTarget target;
  const std::string expected = target_description_xml("arm", target.core(0).register_info());
  CHECK(read_object(target, "features", "target.xml", 0x3f) == expected);
  CHECK(read_object(target, "features", "target.xml", 0x10000) == expected);
  CHECK(read_object(target, "memory-map", "", 0x40) == memory_map_xml(target.memory_regions()));
  CHECK(read_object(target, "threads", "", 7) == thread_list_xml(target));
}

TEST_CASE("qXfer errors: unknown object empty, bad annex or numbers E00") {
  StubSession session;
  CHECK(session.exchange({"qXfer:auxv:read::0,100", "qXfer:features:read:foo.xml:0,100",
                          "qXfer:features:read:target.xml:0", "qXfer:features:read:target.xml:x,1",
                          "qXfer:features:write:target.xml:0,1", "qXfer:features:read:target.xml",
                          "qXfer:memory-map:read::100000,10"}) ==
        Replies{"", "E00", "E00", "E00", "", "E00", "l"});
}
