// Reading what a board file returned (Lua tables built by the prelude's constructors) into a
// BoardDesc: board fields, components in file order, values, and board parameters.
#include <algorithm>
#include <lua.hpp>
#include <optional>
#include <tuple>

#include "platforms/lua/board_file.h"
#include "platforms/lua/component_kind.h"
#include "platforms/lua/sandbox.h"

namespace anvil {
namespace {

std::string lua_value_text(lua_State* lua, int index) {
  switch (lua_type(lua, index)) {
    case LUA_TSTRING:
      return std::string("string \"") + lua_tostring(lua, index) + "\"";
    case LUA_TNUMBER: {
      std::string text = lua_isinteger(lua, index) ? "integer " : "number ";
      lua_pushvalue(lua, index);  // lua_tostring converts in place: convert a copy
      text += lua_tostring(lua, -1);
      lua_pop(lua, 1);
      return text;
    }
    case LUA_TBOOLEAN:
      return lua_toboolean(lua, index) ? "boolean true" : "boolean false";
    default:
      return luaL_typename(lua, index);
  }
}

class BoardReader {
 public:
  BoardReader(lua_State* lua, int internals, const BoardLoadOptions& options, LoadedBoard& out)
      : lua_(lua), internals_(internals), options_(options), out_(out) {}

  void read_board(int board) {
    BoardDesc& desc = out_.desc;
    if (constructed_kind(board) != "board") {
      out_.problems.push_back({{desc.file, 0},
                               "",
                               "the file must end with return board { ... }, but it returns " +
                                   lua_value_text(lua_, board)});
      return;
    }
    out_.is_board = true;
    push_meta("constructed", board);
    const int meta = lua_gettop(lua_);
    desc.where = meta_location(meta);
    struct Pending {
      lua_Integer sequence;
      ComponentDesc component;
    };
    std::vector<Pending> components;
    lua_pushnil(lua_);
    while (lua_next(lua_, board)) {
      const int value = lua_gettop(lua_);
      if (lua_type(lua_, value - 1) != LUA_TSTRING) {
        out_.problems.push_back({desc.where, "board",
                                 "expected fields with names, got a field keyed by " +
                                     lua_value_text(lua_, value - 1)});
        lua_pop(lua_, 1);
        continue;
      }
      const std::string key = lua_tostring(lua_, value - 1);
      const SourceLocation where = field_location(meta, key);
      if (key == "name" || key == "description") {
        if (lua_type(lua_, value) == LUA_TSTRING) {
          (key == "name" ? desc.name : out_.description) = lua_tostring(lua_, value);
        } else {
          out_.problems.push_back(
              {where, key, "expected a string, got " + lua_value_text(lua_, value)});
        }
      } else if (key == "clock_hz") {
        if (lua_type(lua_, value) == LUA_TNUMBER && lua_tonumber(lua_, value) > 0) {
          desc.clock_hz = lua_tonumber(lua_, value);
        } else {
          out_.problems.push_back(
              {where, key,
               "expected a positive number of hertz, got " + lua_value_text(lua_, value)});
        }
      } else if (key == "firmware_tests") {
        read_firmware_tests(lua_, value, where, out_.firmware_tests, out_.problems);
      } else if (is_none(value)) {
        // removed by a board that extends this one
      } else if (const std::string kind = constructed_kind(value);
                 !kind.empty() && kind != "board") {
        push_meta("constructed", value);
        const int component_meta = lua_gettop(lua_);
        lua_getfield(lua_, component_meta, "sequence");
        const lua_Integer sequence = lua_tointeger(lua_, -1);
        lua_pop(lua_, 1);
        components.push_back({sequence, read_component(key, value, component_meta)});
        lua_pop(lua_, 1);
      } else {
        out_.problems.push_back(
            {where, key,
             "expected a component (cpu { ... }, memory { ... } or device { ... }), got " +
                 std::string(lua_type(lua_, value) == LUA_TTABLE ? "a plain table"
                                                                 : lua_value_text(lua_, value))});
      }
      lua_pop(lua_, 1);
    }
    lua_pop(lua_, 1);  // meta
    std::stable_sort(components.begin(), components.end(),
                     [](const auto& a, const auto& b) { return a.sequence < b.sequence; });
    for (auto& pending : components) desc.components.push_back(std::move(pending.component));
    std::sort(out_.params.begin(), out_.params.end());  // Lua's table order is not the file's
    if (desc.name.empty()) {
      out_.problems.push_back(
          {desc.where, "name", "missing: every board has a name, as in name = \"my-board\""});
    }
    // Fields came in Lua's table order; report in the file's.
    std::stable_sort(out_.problems.begin(), out_.problems.end(), [](const auto& a, const auto& b) {
      return std::tie(a.where.file, a.where.line) < std::tie(b.where.file, b.where.line);
    });
  }

 private:
  ComponentDesc read_component(const std::string& name, int table, int meta) {
    ComponentDesc component;
    component.name = name;
    component.kind = meta_kind_at(meta);
    component.where = meta_location(meta);
    const std::string type_field = type_field_of(component.kind);
    if (component.kind == "memory") component.type = "ram";  // memory { kind = ... } default
    lua_pushnil(lua_);
    while (lua_next(lua_, table)) {
      const int value = lua_gettop(lua_);
      if (lua_type(lua_, value - 1) != LUA_TSTRING) {
        out_.problems.push_back({component.where, name,
                                 "expected fields with names, got a field keyed by " +
                                     lua_value_text(lua_, value - 1)});
        lua_pop(lua_, 1);
        continue;
      }
      const std::string key = lua_tostring(lua_, value - 1);
      const std::string path = name + "." + key;
      const SourceLocation where = field_location(meta, key);
      if (key == type_field) {
        if (lua_type(lua_, value) == LUA_TSTRING) {
          component.type = lua_tostring(lua_, value);
          if (where.file != component.where.file || where.line != component.where.line) {
            out_.type_where[name] = where;
          }
        } else {
          out_.problems.push_back(
              {where, path, "expected a string, got " + lua_value_text(lua_, value)});
        }
      } else if (auto read = read_value(value, path, where)) {
        component.params[key] = std::move(*read);
      }
      lua_pop(lua_, 1);
    }
    return component;
  }

  std::optional<Value> read_value(int index, const std::string& path, const SourceLocation& where) {
    Value value;
    value.where = where;
    switch (lua_type(lua_, index)) {
      case LUA_TNIL:
        return std::nullopt;
      case LUA_TBOOLEAN:
        value.kind = Value::Kind::Boolean;
        value.boolean = lua_toboolean(lua_, index);
        return value;
      case LUA_TNUMBER:
        if (lua_isinteger(lua_, index)) {
          value.kind = Value::Kind::Integer;
          value.integer = lua_tointeger(lua_, index);
        } else {
          value.kind = Value::Kind::Number;
          value.number = lua_tonumber(lua_, index);
        }
        return value;
      case LUA_TSTRING: {
        size_t length = 0;
        const char* text = lua_tolstring(lua_, index, &length);
        value.kind = Value::Kind::String;
        value.string.assign(text, length);
        return value;
      }
      case LUA_TTABLE:
        return read_table_value(index, path, where);
      default:
        out_.problems.push_back(
            {where, path, std::string("expected a value, got a ") + luaL_typename(lua_, index)});
        return std::nullopt;
    }
  }

  std::optional<Value> read_table_value(int index, const std::string& path,
                                        const SourceLocation& where) {
    index = lua_absindex(lua_, index);
    // Parameter values are flat or nearly so; a deep (or self-containing) table is a
    // mistake, and must not exhaust the C++ or Lua stack.
    if (list_depth_ >= kMaxListDepth) {
      out_.problems.push_back({where, path,
                               "lists nested more than " + std::to_string(kMaxListDepth) +
                                   " deep (does the table contain itself?)"});
      return std::nullopt;
    }
    struct DepthGuard {
      int& depth;
      explicit DepthGuard(int& d) : depth(++d) {}
      ~DepthGuard() { --depth; }
    } guard(list_depth_);
    luaL_checkstack(lua_, 4, "board value");
    if (is_none(index)) return std::nullopt;
    if (push_meta("params", index)) {
      auto value = read_param(lua_gettop(lua_), path);
      lua_pop(lua_, 1);
      return value;
    }
    if (push_meta("constructed", index)) {
      lua_pop(lua_, 1);
      out_.problems.push_back({where, path, "expected a value, got a component"});
      return std::nullopt;
    }
    // A list: keys 1..n and nothing else.
    const lua_Integer length = static_cast<lua_Integer>(lua_rawlen(lua_, index));
    lua_Integer keys = 0;
    lua_pushnil(lua_);
    while (lua_next(lua_, index)) {
      lua_pop(lua_, 1);
      const bool in_sequence = lua_isinteger(lua_, -1) && lua_tointeger(lua_, -1) >= 1 &&
                               lua_tointeger(lua_, -1) <= length;
      if (!in_sequence) {
        out_.problems.push_back({where, path,
                                 "expected a value or a list { a, b, ... }, got a table with "
                                 "the key " +
                                     lua_value_text(lua_, -1)});
        lua_pop(lua_, 1);
        return std::nullopt;
      }
      ++keys;
    }
    Value list;
    list.kind = Value::Kind::List;
    list.where = where;
    for (lua_Integer i = 1; i <= length; ++i) {
      lua_rawgeti(lua_, index, i);
      auto item = read_value(-1, path + "[" + std::to_string(i) + "]", where);
      lua_pop(lua_, 1);
      if (!item) return std::nullopt;
      list.list.push_back(std::move(*item));
    }
    return list;
  }

  // A param placeholder: the command-line value, else the default, else unset.
  std::optional<Value> read_param(int meta, const std::string& path) {
    lua_getfield(lua_, meta, "name");
    const std::string name = lua_tostring(lua_, -1);
    lua_pop(lua_, 1);
    const SourceLocation where = meta_location(meta);
    if (std::find(out_.params.begin(), out_.params.end(), name) == out_.params.end()) {
      out_.params.push_back(name);
    }
    // The last -p for a key wins, as for fields.
    for (auto override = options_.overrides.rbegin(); override != options_.overrides.rend();
         ++override) {
      if (override->key == name) return override->value;
    }
    lua_getfield(lua_, meta, "default");
    std::optional<Value> value;
    if (!lua_isnil(lua_, -1)) value = read_value(-1, path, where);
    lua_pop(lua_, 1);
    if (!value && options_.require_params) {
      out_.problems.push_back(
          {where, path,
           "board parameter \"" + name + "\" is not set (set it with -p " + name + "=VALUE)"});
    }
    return value;
  }

  bool is_none(int index) {
    lua_getfield(lua_, internals_, "none");
    const bool none = lua_rawequal(lua_, -1, index);
    lua_pop(lua_, 1);
    return none;
  }

  // Pushes internals[which][table] and returns true when there is one; pushes nothing else.
  bool push_meta(const char* which, int table) {
    table = lua_absindex(lua_, table);
    if (lua_type(lua_, table) != LUA_TTABLE) return false;
    lua_getfield(lua_, internals_, which);
    lua_pushvalue(lua_, table);
    lua_rawget(lua_, -2);
    lua_remove(lua_, -2);
    if (lua_isnil(lua_, -1)) {
      lua_pop(lua_, 1);
      return false;
    }
    return true;
  }

  std::string meta_kind_at(int meta) {
    lua_getfield(lua_, meta, "kind");
    std::string kind = lua_isstring(lua_, -1) ? lua_tostring(lua_, -1) : "";
    lua_pop(lua_, 1);
    return kind;
  }

  // "board", "cpu", ... for a table a constructor built; "" for anything else.
  std::string constructed_kind(int index) {
    if (!push_meta("constructed", index)) return "";
    std::string kind = meta_kind_at(lua_gettop(lua_));
    lua_pop(lua_, 1);
    return kind;
  }

  SourceLocation meta_location(int meta) {
    lua_getfield(lua_, meta, "file");
    lua_getfield(lua_, meta, "line");
    SourceLocation where{lua_tostring(lua_, -2), static_cast<int>(lua_tointeger(lua_, -1))};
    lua_pop(lua_, 2);
    return where;
  }

  // meta.field_where[key] ({file, line}) if the field came from elsewhere, else the
  // field's own line in the constructor (meta.field_lines), else the constructor's.
  SourceLocation field_location(int meta, const std::string& key) {
    SourceLocation where = meta_location(meta);
    lua_getfield(lua_, meta, "field_lines");
    if (lua_istable(lua_, -1)) {
      if (lua_getfield(lua_, -1, key.c_str()) == LUA_TNUMBER) {
        where.line = static_cast<int>(lua_tointeger(lua_, -1));
      }
      lua_pop(lua_, 1);
    }
    lua_pop(lua_, 1);
    lua_getfield(lua_, meta, "field_where");
    lua_getfield(lua_, -1, key.c_str());
    if (lua_istable(lua_, -1)) {
      lua_rawgeti(lua_, -1, 1);
      lua_rawgeti(lua_, -2, 2);
      where = {lua_tostring(lua_, -2), static_cast<int>(lua_tointeger(lua_, -1))};
      lua_pop(lua_, 2);
    }
    lua_pop(lua_, 2);
    return where;
  }

  static constexpr int kMaxListDepth = 16;

  lua_State* lua_;
  int internals_;
  int list_depth_ = 0;
  const BoardLoadOptions& options_;
  LoadedBoard& out_;
};

}  // namespace

LoadedBoard load_board_file(const std::string& path, const BoardLoadOptions& options) {
  LoadedBoard out;
  out.desc.file = path;
  try {
    BoardSandbox sandbox(options.boards_dir);
    sandbox.run_main(path);
    lua_State* lua = sandbox.lua();
    const int board = lua_gettop(lua);
    sandbox.push_internals();
    BoardReader(lua, lua_gettop(lua), options, out).read_board(board);
    out.evaluated = true;
  } catch (const SandboxError& error) {
    out.problems.push_back(error.problem);
    return out;
  }
  apply_field_overrides(out, options.overrides);
  return out;
}

}  // namespace anvil
