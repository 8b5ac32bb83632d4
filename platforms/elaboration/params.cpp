#include "platforms/elaboration/params.h"

#include "platforms/errors.h"

namespace anvil {

namespace {

const Value* find(const ComponentDesc& c, const std::string& name) {
  auto it = c.params.find(name);
  if (it == c.params.end() || it->second.kind == Value::Kind::Nil) return nullptr;
  return &it->second;
}

}  // namespace

const SourceLocation& param_location(const ComponentDesc& component, const std::string& param) {
  const Value* v = find(component, param);
  return v && !v->where.file.empty() ? v->where : component.where;
}

void param_error(const ComponentDesc& component, const std::string& param,
                 const std::string& what) {
  const std::string field = param.empty() ? component.name : component.name + "." + param;
  throw BoardError(param_location(component, param).str() + ": " + field + ": " + what);
}

void throw_first(const ComponentDesc& component, const std::vector<ParamProblem>& problems) {
  if (!problems.empty()) param_error(component, problems.front().param, problems.front().message);
}

std::optional<std::int64_t> integer_param(const ComponentDesc& c, const std::string& name) {
  const Value* v = find(c, name);
  if (!v) return std::nullopt;
  if (v->kind == Value::Kind::Integer) return v->integer;
  if (v->kind == Value::Kind::Number &&
      v->number == static_cast<double>(static_cast<std::int64_t>(v->number)))
    return static_cast<std::int64_t>(v->number);
  param_error(c, name, "expected an integer");
}

std::int64_t required_integer(const ComponentDesc& c, const std::string& name) {
  auto v = integer_param(c, name);
  if (!v) param_error(c, name, "required parameter is missing");
  return *v;
}

std::optional<double> number_param(const ComponentDesc& c, const std::string& name) {
  const Value* v = find(c, name);
  if (!v) return std::nullopt;
  if (v->kind == Value::Kind::Number) return v->number;
  if (v->kind == Value::Kind::Integer) return static_cast<double>(v->integer);
  param_error(c, name, "expected a number");
}

std::optional<std::string> string_param(const ComponentDesc& c, const std::string& name) {
  const Value* v = find(c, name);
  if (!v) return std::nullopt;
  if (v->kind != Value::Kind::String) param_error(c, name, "expected a string");
  return v->string;
}

std::optional<std::string> path_param(const ComponentDesc& c, const std::string& name) {
  auto path = string_param(c, name);
  if (path && path->empty()) param_error(c, name, "empty file name");
  return path;
}

std::optional<IrqTarget> irq_param(const ComponentDesc& c, const std::string& name) {
  const Value* v = find(c, name);
  if (!v) return std::nullopt;
  if (v->kind != Value::Kind::List || v->list.size() != 2 ||
      v->list[0].kind != Value::Kind::String || v->list[1].kind != Value::Kind::Integer ||
      v->list[1].integer < 0)
    param_error(c, name, "expected { \"cpu name\", line number }");
  return IrqTarget{v->list[0].string, static_cast<unsigned>(v->list[1].integer)};
}

}  // namespace anvil
