// The constructors board files see (board, cpu, memory, device, param, none, require) and the
// bookkeeping the C++ reader needs: which tables were built by which constructor, on which
// line, and in which order. Written in Lua because merging tables for `extends` is Lua's
// own business; everything that touches the host (files, source locations) is a C function
// passed in by sandbox.cpp.
#include "platforms/lua/prelude.h"

namespace anvil {

const char* const kBoardPrelude = R"lua(
local where, field_lines, resolve, run_file, suggest, builtins = ...

-- Weak-keyed: meta for every table a constructor returned, and every param placeholder.
local constructed = setmetatable({}, { __mode = "k" })
local params = setmetatable({}, { __mode = "k" })
local none = setmetatable({}, { __tostring = function() return "none" end, __metatable = false })
local loaded, loading = {}, {}
local sequence = 0

local function next_sequence()
  sequence = sequence + 1
  return sequence
end

local function copy(t)
  local c = {}
  for k, v in pairs(t) do c[k] = v end
  return c
end

-- Errors carry the location where() found, so a tail call (`return board { ... }`) still
-- names the board file's line.
local function fail(file, line, message)
  error(file .. ":" .. line .. ": " .. message, 0)
end

local examples = {
  board = 'board { name = "my-board", cpu0 = cpu { model = "cortex-m3" } }',
  cpu = 'cpu { model = "cortex-m3" }',
  memory = 'memory { base = 0x20000000, size = 4 * MiB }',
  device = 'device { type = "cmsdk-uart", base = 0x40004000 }',
  clock = 'clock { hz = 25 * MHz }',
}

local function check_fields(kind, fields, file, line)
  if type(fields) ~= "table" or constructed[fields] or params[fields] or fields == none then
    fail(file, line, kind .. ": expected a table of fields, as in " .. examples[kind])
  end
end

local function component(kind)
  return function(fields)
    local file, line = where(2)
    check_fields(kind, fields, file, line)
    local result = copy(fields)
    constructed[result] = { kind = kind, file = file, line = line, sequence = next_sequence(),
                            field_where = {}, field_lines = field_lines(file, line) }
    return result
  end
end

-- A param is a placeholder the reader replaces with the command-line value or the default,
-- so it can only be stored, never computed with.
local param_metatable = { __metatable = false }
for _, event in ipairs { "__index", "__newindex", "__call", "__concat", "__len", "__unm",
    "__add", "__sub", "__mul", "__div", "__idiv", "__mod", "__pow", "__band", "__bor",
    "__bxor", "__shl", "__shr", "__bnot", "__lt", "__le" } do
  param_metatable[event] = function(a, b)
    local p = params[a] or params[b]
    error('board parameter "' .. p.name .. '" can only be the value of a field ' ..
          '(it is set from the command line after the board file has run)', 2)
  end
end

local function param(name, default)
  local file, line = where(2)
  if type(name) ~= "string" or name == "" then
    fail(file, line, 'param: expected a parameter name, as in param "firmware" ' ..
         'or param("firmware", "default.elf")')
  end
  local p = setmetatable({}, param_metatable)
  params[p] = { name = name, default = default, file = file, line = line }
  return p
end

local function load_once(path, file, line, what)
  if loading[path] then fail(file, line, what .. ": " .. path .. " includes itself") end
  if loaded[path] == nil then
    loading[path] = true
    local result = run_file(path)
    loading[path] = nil
    if result == nil then result = true end
    loaded[path] = result
  end
  return loaded[path]
end

local function require_fragment(name)
  local file, line = where(2)
  local path, problem = resolve(name, file)
  if not path then fail(file, line, 'require "' .. tostring(name) .. '": ' .. problem) end
  return load_once(path, file, line, 'require "' .. name .. '"')
end

-- `uart0 = { backend = "file:x" }` in a board that extends another: the base's uart0 with
-- those fields replaced (or removed with `none`).
local function patch_component(base_component, patch, patch_where)
  local base_meta = constructed[base_component]
  local result = copy(base_component)
  local meta = { kind = base_meta.kind, file = base_meta.file, line = base_meta.line,
                 sequence = base_meta.sequence, field_where = copy(base_meta.field_where),
                 field_lines = base_meta.field_lines }
  for k, v in pairs(patch) do
    if v == none then result[k] = nil else result[k] = v end
    meta.field_where[k] = patch_where
  end
  constructed[result] = meta
  return result
end

local function extend(base, fields, meta)
  local base_meta = constructed[base]
  local result = {}
  for k, v in pairs(base) do
    result[k] = v
    meta.field_where[k] = base_meta.field_where[k] or
                          { base_meta.file, base_meta.field_lines[k] or base_meta.line }
  end
  local added = {}
  for k, v in pairs(fields) do
    if k ~= "extends" then
      meta.field_where[k] = nil
      local old = base[k]
      if v == none then
        result[k] = nil
      elseif constructed[v] and constructed[old] then
        constructed[v].sequence = constructed[old].sequence  -- keeps its place in the map
        result[k] = v
      elseif type(v) == "table" and not constructed[v] and not params[v] and constructed[old] then
        result[k] = patch_component(old, v, { meta.file, meta.field_lines[k] or meta.line })
      else
        result[k] = v
        if constructed[v] then added[#added + 1] = v end
      end
    end
  end
  -- The derived file's own components were built before its base was loaded: number them
  -- after the base's, in their own order.
  table.sort(added, function(a, b) return constructed[a].sequence < constructed[b].sequence end)
  for _, v in ipairs(added) do constructed[v].sequence = next_sequence() end
  return result
end

local function board(fields)
  local file, line = where(2)
  check_fields("board", fields, file, line)
  local meta = { kind = "board", file = file, line = line, sequence = next_sequence(),
                 field_where = {}, field_lines = field_lines(file, line) }
  local result = copy(fields)
  local base_name = fields.extends
  if base_name ~= nil then
    if type(base_name) ~= "string" then
      fail(file, line, 'board.extends: expected the file name of a board, ' ..
           'as in extends = "mps2-an385.lua"')
    end
    local path, problem = resolve(base_name, file)
    if not path then fail(file, line, "board.extends: " .. problem) end
    local base = load_once(path, file, line, "board.extends")
    if type(base) ~= "table" or not constructed[base] or constructed[base].kind ~= "board" then
      fail(file, line, 'board.extends: "' .. base_name .. '" does not return board { ... }')
    end
    result = extend(base, fields, meta)
  end
  constructed[result] = meta
  return result
end

local forbidden = { os = true, io = true, debug = true, package = true, load = true,
                    loadfile = true, dofile = true, loadstring = true, collectgarbage = true,
                    print = true }

builtins.board = board
builtins.cpu = component("cpu")
builtins.memory = component("memory")
builtins.device = component("device")
builtins.clock = component("clock")
builtins.param = param
builtins.none = none
builtins.require = require_fragment
builtins.KiB, builtins.MiB, builtins.GiB = 1024, 1024 * 1024, 1024 * 1024 * 1024
builtins.kHz, builtins.MHz, builtins.GHz = 1000, 1000 * 1000, 1000 * 1000 * 1000

local builtin_names = {}
for k in pairs(builtins) do builtin_names[#builtin_names + 1] = k end

-- Each file gets its own globals; reading a name that is neither its own nor a builtin is
-- an error rather than a silent nil, which catches both typos and sandbox escapes.
local env_metatable = {
  __index = function(_, name)
    local value = builtins[name]
    if value ~= nil then return value end
    if forbidden[name] then
      error('"' .. tostring(name) .. '" is not available in board files (they run in a ' ..
            'sandbox without os, io, debug, package, load, loadfile, dofile or print)', 2)
    end
    error('unknown name "' .. tostring(name) .. '"' .. suggest(tostring(name), builtin_names), 2)
  end,
}

return { constructed = constructed, params = params, none = none, env_metatable = env_metatable }
)lua";

}  // namespace anvil
