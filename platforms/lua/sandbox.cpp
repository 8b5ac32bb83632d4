#include "platforms/lua/sandbox.h"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <lua.hpp>
#include <map>
#include <vector>

#include "platforms/lua/field_lines.h"
#include "platforms/lua/prelude.h"
#include "platforms/lua/spelling.h"

namespace anvil {

namespace fs = std::filesystem;

namespace {

// Generous for any real board (a few thousand instructions), small enough that an endless
// loop fails within a second or so.
constexpr long long kInstructionBudget = 50'000'000;
constexpr int kHookEveryInstructions = 10'000;
constexpr size_t kMemoryBudget = 256u << 20;

}  // namespace

struct BoardSandbox::State {
  lua_State* lua = nullptr;
  std::string boards_dir;
  size_t memory_used = 0;
  long long instructions = 0;
  // The last board-file line the interpreter started, for locating calls whose caller frame
  // is gone (a tail call such as `return board { ... }`).
  std::string last_file;
  int last_line = 0;
  int internals_ref = LUA_NOREF;
  std::map<std::string, std::string> sources;  // for field_lines, read once per file
};

namespace {

BoardSandbox::State& state_of(lua_State* lua) {
  BoardSandbox::State* state;
  std::memcpy(&state, lua_getextraspace(lua), sizeof state);
  return *state;
}

void* budgeted_alloc(void* user, void* block, size_t old_size, size_t new_size) {
  auto& state = *static_cast<BoardSandbox::State*>(user);
  if (block == nullptr) old_size = 0;  // old_size is a type tag then (Lua manual 4.6)
  if (new_size == 0) {
    std::free(block);
    state.memory_used -= old_size;
    return nullptr;
  }
  if (new_size > old_size && state.memory_used - old_size + new_size > kMemoryBudget) {
    return nullptr;  // Lua raises "not enough memory"
  }
  void* grown = std::realloc(block, new_size);
  if (grown) state.memory_used = state.memory_used - old_size + new_size;
  return grown;
}

bool is_board_source(const lua_Debug& debug) {
  return debug.source && debug.source[0] == '@';
}

void watch_hook(lua_State* lua, lua_Debug* debug) {
  auto& state = state_of(lua);
  if (debug->event == LUA_HOOKCOUNT) {
    state.instructions += kHookEveryInstructions;
    if (state.instructions > kInstructionBudget) {
      luaL_error(lua,
                 "board file runs too long (over %d million Lua instructions): an endless "
                 "loop?",
                 static_cast<int>(kInstructionBudget / 1'000'000));
    }
    return;
  }
  if (lua_getinfo(lua, "S", debug) && is_board_source(*debug)) {
    state.last_file = debug->source + 1;
    state.last_line = debug->currentline;
  }
}

// where(level) -> file, line of the function `level` frames up (1: where's caller).
int lua_where(lua_State* lua) {
  auto& state = state_of(lua);
  const int level = static_cast<int>(luaL_checkinteger(lua, 1));
  std::string file = state.last_file;
  int line = state.last_line;
  lua_Debug debug;
  if (lua_getstack(lua, level, &debug) && lua_getinfo(lua, "Sl", &debug) &&
      is_board_source(debug) && debug.currentline > 0) {
    file = debug.source + 1;
    line = debug.currentline;
  }
  lua_pushstring(lua, file.c_str());
  lua_pushinteger(lua, line);
  return 2;
}

// field_lines(file, line) -> { name = line } for the table constructor starting there.
int lua_field_lines(lua_State* lua) {
  auto& state = state_of(lua);
  const std::string file = luaL_checkstring(lua, 1);
  const int line = static_cast<int>(luaL_checkinteger(lua, 2));
  auto source = state.sources.find(file);
  if (source == state.sources.end()) {
    std::ifstream in(file, std::ios::binary);
    source = state.sources.emplace(file, std::string(std::istreambuf_iterator<char>(in), {})).first;
  }
  lua_newtable(lua);
  for (const auto& [name, field_line] : find_field_lines(source->second, line)) {
    lua_pushinteger(lua, field_line);
    lua_setfield(lua, -2, name.c_str());
  }
  return 1;
}

bool has_parent_step(const fs::path& path) {
  for (const auto& part : path) {
    if (part == "..") return true;
  }
  return false;
}

// resolve(name, from_file) -> path, or nil and why not.
int lua_resolve(lua_State* lua) {
  auto& state = state_of(lua);
  if (lua_type(lua, 1) != LUA_TSTRING) {
    lua_pushnil(lua);
    lua_pushfstring(lua, "expected a file name, got %s", luaL_typename(lua, 1));
    return 2;
  }
  const std::string name = lua_tostring(lua, 1);
  const std::string from = luaL_checkstring(lua, 2);
  fs::path relative(name);
  if (name.empty() || relative.is_absolute() || has_parent_step(relative)) {
    lua_pushnil(lua);
    lua_pushstring(lua,
                   "only files next to the board or in the boards folder can be loaded "
                   "(no absolute paths, no ..)");
    return 2;
  }
  if (relative.extension() != ".lua") relative += ".lua";
  std::vector<fs::path> folders{fs::path(from).parent_path()};
  if (!state.boards_dir.empty()) folders.push_back(state.boards_dir);
  std::error_code error;
  for (const auto& folder : folders) {
    const fs::path candidate = (folder / relative).lexically_normal();
    if (fs::is_regular_file(candidate, error)) {
      lua_pushstring(lua, candidate.string().c_str());
      return 1;
    }
  }
  std::string looked = "no \"" + relative.string() + "\" next to " + from;
  if (!state.boards_dir.empty()) looked += " or in " + state.boards_dir;
  looked += " (board files can only load other board files)";
  lua_pushnil(lua);
  lua_pushstring(lua, looked.c_str());
  return 2;
}

// run_file(path) -> what the file returned. The file gets globals of its own.
int lua_run_file(lua_State* lua) {
  auto& state = state_of(lua);
  const char* path = luaL_checkstring(lua, 1);
  if (luaL_loadfilex(lua, path, "t") != LUA_OK) return lua_error(lua);
  lua_newtable(lua);
  lua_rawgeti(lua, LUA_REGISTRYINDEX, state.internals_ref);
  lua_getfield(lua, -1, "env_metatable");
  lua_setmetatable(lua, -3);
  lua_pop(lua, 1);
  lua_setupvalue(lua, -2, 1);  // the chunk's only upvalue is _ENV
  lua_call(lua, 0, 1);
  return 1;
}

// suggest(word, names) -> ' (did you mean "x"?)' or ""
int lua_suggest(lua_State* lua) {
  const std::string word = luaL_checkstring(lua, 1);
  luaL_checktype(lua, 2, LUA_TTABLE);
  std::vector<std::string> names;
  const lua_Integer count = luaL_len(lua, 2);
  for (lua_Integer i = 1; i <= count; ++i) {
    lua_rawgeti(lua, 2, i);
    if (lua_type(lua, -1) == LUA_TSTRING) names.emplace_back(lua_tostring(lua, -1));
    lua_pop(lua, 1);
  }
  lua_pushstring(lua, did_you_mean(word, names).c_str());
  return 1;
}

// The builtins board files see: a subset of the base library and the pure libraries.
void push_builtins(lua_State* lua) {
  luaL_requiref(lua, LUA_GNAME, luaopen_base, 1);
  luaL_requiref(lua, LUA_STRLIBNAME, luaopen_string, 1);
  luaL_requiref(lua, LUA_MATHLIBNAME, luaopen_math, 1);
  luaL_requiref(lua, LUA_TABLIBNAME, luaopen_table, 1);
  luaL_requiref(lua, LUA_UTF8LIBNAME, luaopen_utf8, 1);
  lua_pop(lua, 5);
  lua_newtable(lua);
  static constexpr const char* kBaseNames[] = {
      "assert",   "error",    "ipairs", "next",   "pairs",        "pcall",
      "rawequal", "rawget",   "rawlen", "rawset", "select",       "setmetatable",
      "tonumber", "tostring", "type",   "xpcall", "getmetatable", "_VERSION"};
  for (const char* name : kBaseNames) {
    lua_getglobal(lua, name);
    lua_setfield(lua, -2, name);
  }
  for (const char* library : {"string", "math", "table", "utf8"}) {
    lua_newtable(lua);  // a copy, so one file cannot change another's library
    lua_getglobal(lua, library);
    lua_pushnil(lua);
    while (lua_next(lua, -2)) {
      lua_pushvalue(lua, -2);
      lua_insert(lua, -2);
      lua_settable(lua, -5);
    }
    lua_pop(lua, 1);
    lua_pushnil(lua);
    lua_setfield(lua, -2, "dump");  // string.dump: bytecode has no use without load
    lua_setfield(lua, -2, library);
  }
}

// The message and location of a Lua error object.
BoardProblem problem_from_error(lua_State* lua, const std::string& main_file) {
  if (lua_type(lua, -1) != LUA_TSTRING) {
    return {{main_file, 0},
            "",
            std::string("board file raised an error that is a ") + luaL_typename(lua, -1) +
                ", not a message"};
  }
  const std::string text = lua_tostring(lua, -1);
  if (text == "not enough memory") {  // raised by budgeted_alloc's refusal, with no location
    return {{main_file, 0},
            "",
            "board file uses more than " + std::to_string(kMemoryBudget >> 20) + " MiB of memory"};
  }
  // "file:line: message": the first ":<digits>: " ends the location.
  for (size_t colon = text.find(':'); colon != std::string::npos;
       colon = text.find(':', colon + 1)) {
    size_t end = colon + 1;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
    if (end > colon + 1 && text.compare(end, 2, ": ") == 0) {
      return {
          {text.substr(0, colon), std::atoi(text.c_str() + colon + 1)}, "", text.substr(end + 2)};
    }
  }
  return {{main_file, 0}, "", text};
}

}  // namespace

BoardSandbox::BoardSandbox(std::string boards_dir) : state_(std::make_unique<State>()) {
  state_->boards_dir = std::move(boards_dir);
  lua_State* lua = lua_newstate(budgeted_alloc, state_.get());
  if (!lua) throw std::runtime_error("cannot create a Lua state");
  state_->lua = lua;
  State* pointer = state_.get();
  std::memcpy(lua_getextraspace(lua), &pointer, sizeof pointer);
  lua_sethook(lua, watch_hook, LUA_MASKLINE | LUA_MASKCOUNT, kHookEveryInstructions);

  if (luaL_loadbufferx(lua, kBoardPrelude, std::strlen(kBoardPrelude), "=anvil prelude", "t") !=
      LUA_OK) {
    throw std::logic_error(std::string("board prelude: ") + lua_tostring(lua, -1));
  }
  lua_pushcfunction(lua, lua_where);
  lua_pushcfunction(lua, lua_field_lines);
  lua_pushcfunction(lua, lua_resolve);
  lua_pushcfunction(lua, lua_run_file);
  lua_pushcfunction(lua, lua_suggest);
  push_builtins(lua);
  if (lua_pcall(lua, 6, 1, 0) != LUA_OK) {
    throw std::logic_error(std::string("board prelude: ") + lua_tostring(lua, -1));
  }
  state_->internals_ref = luaL_ref(lua, LUA_REGISTRYINDEX);
}

BoardSandbox::~BoardSandbox() {
  lua_close(state_->lua);
}

lua_State* BoardSandbox::lua() const {
  return state_->lua;
}

void BoardSandbox::push_internals() const {
  lua_rawgeti(state_->lua, LUA_REGISTRYINDEX, state_->internals_ref);
}

void BoardSandbox::run_main(const std::string& path) {
  lua_State* lua = state_->lua;
  std::error_code error;
  if (!fs::is_regular_file(path, error)) {
    throw SandboxError({{path, 0}, "", "no such board file"});
  }
  lua_pushcfunction(lua, lua_run_file);
  lua_pushstring(lua, path.c_str());
  if (lua_pcall(lua, 1, 1, 0) != LUA_OK) {
    BoardProblem problem = problem_from_error(lua, path);
    lua_pop(lua, 1);
    throw SandboxError(std::move(problem));
  }
}

}  // namespace anvil
