#include "platforms/lua/field_lines.h"

#include <cctype>

namespace anvil {
namespace {

// A forward scanner over Lua source that knows just enough of the lexical rules (Lua 5.4
// manual 3.1: comments, short and long strings) to tell code from text.
class LuaScanner {
 public:
  explicit LuaScanner(const std::string& source) : text_(source) {}

  bool at_end() const { return position_ >= text_.size(); }
  char peek(size_t ahead = 0) const {
    return position_ + ahead < text_.size() ? text_[position_ + ahead] : '\0';
  }
  int line() const { return line_; }

  void advance() {
    if (peek() == '\n') ++line_;
    ++position_;
  }

  void skip_to_line(int line) {
    while (!at_end() && line_ < line) advance();
  }

  // Skips whitespace, comments and strings; returns true if it skipped anything.
  bool skip_non_code() {
    const size_t start = position_;
    for (;;) {
      if (std::isspace(static_cast<unsigned char>(peek()))) {
        advance();
      } else if (peek() == '-' && peek(1) == '-') {
        position_ += 2;
        if (!skip_long_bracket()) {
          while (!at_end() && peek() != '\n') advance();
        }
      } else if (peek() == '"' || peek() == '\'') {
        skip_short_string();
      } else if (peek() == '[' && (peek(1) == '[' || peek(1) == '=')) {
        if (!skip_long_bracket()) return position_ != start;
      } else {
        return position_ != start;
      }
    }
  }

  // An identifier at the current position, consumed; "" if there is none.
  std::string identifier() {
    const size_t start = position_;
    if (!std::isalpha(static_cast<unsigned char>(peek())) && peek() != '_') return "";
    while (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_') advance();
    return text_.substr(start, position_ - start);
  }

 private:
  void skip_short_string() {
    const char quote = peek();
    advance();
    while (!at_end() && peek() != quote && peek() != '\n') {
      if (peek() == '\\') advance();
      advance();
    }
    advance();
  }

  // [[ ... ]] or [==[ ... ]==]; false (and nothing consumed) if not at one.
  bool skip_long_bracket() {
    if (peek() != '[') return false;
    size_t level = 0;
    while (peek(1 + level) == '=') ++level;
    if (peek(1 + level) != '[') return false;
    const std::string close = "]" + std::string(level, '=') + "]";
    for (size_t i = 0; i < level + 2; ++i) advance();
    while (!at_end() && text_.compare(position_, close.size(), close) != 0) advance();
    for (size_t i = 0; i < close.size() && !at_end(); ++i) advance();
    return true;
  }

  const std::string& text_;
  size_t position_ = 0;
  int line_ = 1;
};

}  // namespace

std::map<std::string, int> find_field_lines(const std::string& source, int line) {
  std::map<std::string, int> lines;
  LuaScanner scanner(source);
  scanner.skip_to_line(line);
  while (!scanner.at_end() && scanner.peek() != '{') {
    if (!scanner.skip_non_code()) scanner.advance();
  }
  if (scanner.at_end()) return lines;
  scanner.advance();
  int depth = 1;  // of (), [] and {} together: 1 is directly inside the table
  bool field_start = true;
  while (!scanner.at_end() && depth > 0) {
    if (scanner.skip_non_code()) continue;
    const char c = scanner.peek();
    if (field_start && depth == 1) {
      field_start = false;
      const int key_line = scanner.line();
      const std::string name = scanner.identifier();
      if (!name.empty()) {
        scanner.skip_non_code();
        if (scanner.peek() == '=' && scanner.peek(1) != '=' && !lines.count(name)) {
          lines[name] = key_line;
        }
        continue;
      }
    }
    if (c == '{' || c == '(' || c == '[') ++depth;
    if (c == '}' || c == ')' || c == ']') --depth;
    if (depth == 1 && (c == ',' || c == ';')) field_start = true;
    scanner.advance();
  }
  return lines;
}

}  // namespace anvil
