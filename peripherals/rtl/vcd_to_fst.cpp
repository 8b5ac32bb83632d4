#include "peripherals/rtl/vcd_to_fst.h"

#include <cctype>
#include <fstream>
#include <memory>
#include <unordered_map>
#include <vector>

#include "fstapi.h"

namespace anvil {
namespace {

struct FstWriter {
  void* context;
  explicit FstWriter(const std::string& path) : context(fstWriterCreate(path.c_str(), 1)) {
    if (!context) throw WaveConversionError("--waves: cannot write " + path);
  }
  ~FstWriter() { fstWriterClose(context); }
};

struct Variable {
  fstHandle handle;
  unsigned width;
};

// Reads whitespace-separated tokens and counts lines, for messages.
class Tokens {
 public:
  Tokens(std::istream& in, const std::string& path) : in_(in), path_(path) {}
  bool next(std::string& token) {
    token.clear();
    int c;
    while ((c = in_.get()) != EOF && std::isspace(c)) line_ += c == '\n';
    if (c == EOF) return false;
    token += static_cast<char>(c);
    while ((c = in_.peek()) != EOF && !std::isspace(c)) token += static_cast<char>(in_.get());
    return true;
  }
  std::string required(const char* what) {
    std::string token;
    if (!next(token)) fail(std::string("the file ends inside ") + what);
    return token;
  }
  // Every token up to "$end", joined by spaces.
  std::string until_end(const char* what) {
    std::string text, token;
    while ((token = required(what)) != "$end") text += (text.empty() ? "" : " ") + token;
    return text;
  }
  [[noreturn]] void fail(const std::string& message) const {
    throw WaveConversionError(path_ + ":" + std::to_string(line_ + 1) + ": " + message);
  }

 private:
  std::istream& in_;
  std::string path_;
  unsigned line_ = 0;
};

enum fstVarType var_type(const std::string& vcd_type) {
  if (vcd_type == "reg") return FST_VT_VCD_REG;
  if (vcd_type == "integer") return FST_VT_VCD_INTEGER;
  if (vcd_type == "parameter") return FST_VT_VCD_PARAMETER;
  return FST_VT_VCD_WIRE;
}

enum fstScopeType scope_type(const std::string& vcd_type) {
  if (vcd_type == "begin") return FST_ST_VCD_BEGIN;
  if (vcd_type == "task") return FST_ST_VCD_TASK;
  if (vcd_type == "function") return FST_ST_VCD_FUNCTION;
  if (vcd_type == "fork") return FST_ST_VCD_FORK;
  return FST_ST_VCD_MODULE;
}

// VCD left-extends a shorter vector value with 0, or with x/z when it starts with one
// (IEEE 1364-2005 18.2.3.6); FST wants every bit.
std::string full_width(const std::string& bits, unsigned width) {
  if (bits.size() >= width) return bits.substr(bits.size() - width);
  const char fill =
      bits[0] == 'x' || bits[0] == 'X' || bits[0] == 'z' || bits[0] == 'Z' ? bits[0] : '0';
  return std::string(width - bits.size(), fill) + bits;
}

}  // namespace

void convert_vcd_to_fst(const std::string& vcd_path, const std::string& fst_path) {
  std::ifstream in(vcd_path);
  if (!in) throw WaveConversionError("--waves: cannot read " + vcd_path);
  Tokens tokens(in, vcd_path);
  FstWriter writer(fst_path);
  std::unordered_map<std::string, Variable> variables;
  std::string token;
  bool definitions = true;
  while (tokens.next(token)) {
    if (definitions) {
      if (token == "$timescale") {
        fstWriterSetTimescaleFromString(writer.context, tokens.until_end("$timescale").c_str());
      } else if (token == "$scope") {
        const std::string kind = tokens.required("$scope");
        const std::string name = tokens.required("$scope");
        tokens.until_end("$scope");
        fstWriterSetScope(writer.context, scope_type(kind), name.c_str(), nullptr);
      } else if (token == "$upscope") {
        tokens.until_end("$upscope");
        fstWriterSetUpscope(writer.context);
      } else if (token == "$var") {
        const std::string kind = tokens.required("$var");
        const std::string size = tokens.required("$var");
        const std::string id = tokens.required("$var");
        // "count [7:0]" stays as VCD has it, so a round trip through FST reads the same.
        const std::string name = tokens.until_end("$var");
        unsigned width = 0;
        try {
          width = static_cast<unsigned>(std::stoul(size));
        } catch (const std::exception&) {
          tokens.fail("$var " + name + ": size '" + size + "' is not a number");
        }
        if (kind == "real") tokens.fail("$var " + name + ": real variables are not supported");
        auto existing = variables.find(id);
        const fstHandle alias = existing == variables.end() ? 0 : existing->second.handle;
        const fstHandle handle = fstWriterCreateVar(writer.context, var_type(kind), FST_VD_IMPLICIT,
                                                    width, name.c_str(), alias);
        if (existing == variables.end()) variables[id] = {handle, width};
      } else if (token == "$enddefinitions") {
        tokens.until_end("$enddefinitions");
        definitions = false;
      } else if (token[0] == '$') {
        tokens.until_end(token.c_str());  // $version, $date, $comment
      } else {
        tokens.fail("'" + token + "' before $enddefinitions");
      }
      continue;
    }
    auto emit = [&](const std::string& id, const std::string& bits) {
      auto variable = variables.find(id);
      if (variable == variables.end()) tokens.fail("a value for undeclared variable '" + id + "'");
      const std::string value = full_width(bits, variable->second.width);
      fstWriterEmitValueChange(writer.context, variable->second.handle, value.c_str());
    };
    switch (token[0]) {
      case '#':
        try {
          fstWriterEmitTimeChange(writer.context, std::stoull(token.substr(1)));
        } catch (const std::exception&) {
          tokens.fail("bad time '" + token + "'");
        }
        break;
      case '0':
      case '1':
      case 'x':
      case 'X':
      case 'z':
      case 'Z':
        if (token.size() < 2) tokens.fail("value change '" + token + "' without a variable");
        emit(token.substr(1), token.substr(0, 1));
        break;
      case 'b':
      case 'B':
        emit(tokens.required("a vector value"), token.substr(1));
        break;
      case '$':  // $dumpvars, $dumpall, $dumpon, $dumpoff and their $end
        break;
      default:
        tokens.fail("unexpected '" + token + "' (real values are not supported)");
    }
  }
  if (definitions) tokens.fail("no $enddefinitions");
}

}  // namespace anvil
