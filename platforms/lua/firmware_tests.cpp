#include "platforms/lua/firmware_tests.h"

#include <lua.hpp>
#include <set>

#include "platforms/lua/spelling.h"

namespace anvil {
namespace {

const std::vector<std::string> kFields{"name", "firmware",  "param",   "golden",
                                       "uart", "exit_code", "timeout", "params"};

class FirmwareTestReader {
 public:
  FirmwareTestReader(lua_State* lua, const SourceLocation& where, BoardProblems& problems)
      : lua_(lua), where_(where), problems_(problems) {}

  void read_list(int index, std::vector<FirmwareTest>& tests) {
    index = lua_absindex(lua_, index);
    if (!lua_istable(lua_, index)) {
      problem("firmware_tests", std::string("expected a list of tests { { name = ..., firmware = "
                                            "... }, ... }, got a ") +
                                    luaL_typename(lua_, index));
      return;
    }
    const lua_Integer count = static_cast<lua_Integer>(lua_rawlen(lua_, index));
    std::set<std::string> names;
    for (lua_Integer i = 1; i <= count; ++i) {
      lua_rawgeti(lua_, index, i);
      const std::string path = "firmware_tests[" + std::to_string(i) + "]";
      FirmwareTest test;
      test.where = where_;
      if (read_test(lua_gettop(lua_), path, test)) {
        if (!names.insert(test.name).second)
          problem(path + ".name", "\"" + test.name + "\" is declared twice");
        else
          tests.push_back(std::move(test));
      }
      lua_pop(lua_, 1);
    }
  }

 private:
  bool read_test(int index, const std::string& path, FirmwareTest& test) {
    if (!lua_istable(lua_, index)) {
      problem(path, std::string("expected a table { name = ..., firmware = ... }, got a ") +
                        luaL_typename(lua_, index));
      return false;
    }
    const std::size_t before = problems_.size();
    lua_pushnil(lua_);
    while (lua_next(lua_, index)) {
      const int value = lua_gettop(lua_);
      if (lua_type(lua_, value - 1) != LUA_TSTRING) {
        problem(path, "expected fields with names");
      } else {
        read_field(lua_tostring(lua_, value - 1), value, path, test);
      }
      lua_pop(lua_, 1);
    }
    if (test.name.empty()) problem(path + ".name", "missing: every test has a name");
    if (test.firmware.empty())
      problem(path + ".firmware", "missing: the image to boot, relative to the build directory");
    return problems_.size() == before;
  }

  void read_field(const std::string& key, int value, const std::string& path, FirmwareTest& test) {
    const std::string field = path + "." + key;
    if (key == "name" || key == "firmware" || key == "param" || key == "golden" || key == "uart") {
      if (lua_type(lua_, value) != LUA_TSTRING || lua_rawlen(lua_, value) == 0) {
        problem(field, "expected a non-empty string");
        return;
      }
      std::string text = lua_tostring(lua_, value);
      if (key == "name") test.name = text;
      if (key == "firmware") test.firmware = text;
      if (key == "param") test.param = text;
      if (key == "golden") test.golden = text;
      if (key == "uart") test.uart = text;
    } else if (key == "exit_code") {
      if (!lua_isinteger(lua_, value)) {
        problem(field, "expected an integer");
        return;
      }
      test.exit_code = static_cast<int>(lua_tointeger(lua_, value));
    } else if (key == "timeout") {
      if (lua_type(lua_, value) != LUA_TNUMBER || !(lua_tonumber(lua_, value) > 0)) {
        problem(field, "expected a positive number of simulated seconds");
        return;
      }
      test.timeout_seconds = lua_tonumber(lua_, value);
    } else if (key == "params") {
      read_params(value, field, test);
    } else {
      std::string hint = did_you_mean(key, kFields);
      if (hint.empty()) hint = " (known: " + join_names(kFields) + ")";
      problem(field, "unknown field" + hint);
    }
  }

  void read_params(int value, const std::string& field, FirmwareTest& test) {
    const bool list = lua_istable(lua_, value);
    const lua_Integer count = list ? static_cast<lua_Integer>(lua_rawlen(lua_, value)) : 0;
    for (lua_Integer i = 1; i <= count; ++i) {
      lua_rawgeti(lua_, value, i);
      if (lua_type(lua_, -1) == LUA_TSTRING &&
          std::string(lua_tostring(lua_, -1)).find('=') != std::string::npos)
        test.params.push_back(lua_tostring(lua_, -1));
      else
        problem(field + "[" + std::to_string(i) + "]", "expected \"key=value\"");
      lua_pop(lua_, 1);
    }
    if (!list) problem(field, "expected a list of \"key=value\" strings");
  }

  void problem(const std::string& field, std::string message) {
    problems_.push_back({where_, field, std::move(message)});
  }

  lua_State* lua_;
  SourceLocation where_;
  BoardProblems& problems_;
};

}  // namespace

void read_firmware_tests(lua_State* lua, int index, const SourceLocation& where,
                         std::vector<FirmwareTest>& tests, BoardProblems& problems) {
  FirmwareTestReader(lua, where, problems).read_list(index, tests);
}

}  // namespace anvil
