// A small, strict XML reader for the tests: enough to check that the stub's documents are
// well formed (one root, balanced tags, quoted unique attributes, valid entities) and to
// look at their elements. Throws std::runtime_error naming the offset of the first problem.
#pragma once

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace anvil::test {

struct XmlElement {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::vector<std::unique_ptr<XmlElement>> children;
  std::string text;

  std::vector<const XmlElement*> all(std::string_view child_name) const {
    std::vector<const XmlElement*> found;
    for (const auto& child : children) {
      if (child->name == child_name) found.push_back(child.get());
    }
    return found;
  }
};

class MiniXml {
 public:
  static std::unique_ptr<XmlElement> parse(std::string_view text) {
    MiniXml reader(text);
    return reader.document();
  }

 private:
  explicit MiniXml(std::string_view text) : text_(text) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("xml: " + what + " at offset " + std::to_string(at_));
  }
  bool starts(std::string_view prefix) const { return text_.substr(at_).starts_with(prefix); }
  void skip_space() {
    while (at_ < text_.size() &&
           std::string_view(" \t\r\n").find(text_[at_]) != std::string::npos) {
      ++at_;
    }
  }
  void skip_past(std::string_view end) {
    const std::size_t found = text_.find(end, at_);
    if (found == std::string_view::npos) fail("unterminated markup");
    at_ = found + end.size();
  }
  std::string name() {
    const std::size_t start = at_;
    while (at_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[at_])) ||
                                  std::string_view("-_:.").find(text_[at_]) != std::string::npos)) {
      ++at_;
    }
    if (at_ == start) fail("expected a name");
    return std::string(text_.substr(start, at_ - start));
  }
  std::string decode(std::string_view raw) {
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '<') fail("'<' in character data");
      if (raw[i] != '&') {
        out.push_back(raw[i]);
        continue;
      }
      static const std::map<std::string_view, char> kEntities = {
          {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
      const std::size_t semicolon = raw.find(';', i);
      if (semicolon == std::string_view::npos) fail("unterminated entity");
      const auto entity = kEntities.find(raw.substr(i + 1, semicolon - i - 1));
      if (entity == kEntities.end()) fail("unknown entity");
      out.push_back(entity->second);
      i = semicolon;
    }
    return out;
  }
  std::unique_ptr<XmlElement> element() {
    if (!starts("<")) fail("expected '<'");
    ++at_;
    auto result = std::make_unique<XmlElement>();
    result->name = name();
    for (;;) {
      skip_space();
      if (starts("/>")) {
        at_ += 2;
        return result;
      }
      if (starts(">")) {
        ++at_;
        break;
      }
      const std::string attribute = name();
      skip_space();
      if (!starts("=")) fail("expected '='");
      ++at_;
      skip_space();
      if (!starts("\"") && !starts("'")) fail("unquoted attribute value");
      const char quote = text_[at_++];
      const std::size_t end = text_.find(quote, at_);
      if (end == std::string_view::npos) fail("unterminated attribute value");
      if (result->attributes.count(attribute)) fail("duplicate attribute " + attribute);
      result->attributes[attribute] = decode(text_.substr(at_, end - at_));
      at_ = end + 1;
    }
    for (;;) {
      const std::size_t next = text_.find('<', at_);
      if (next == std::string_view::npos) fail("missing </" + result->name + ">");
      result->text += decode(text_.substr(at_, next - at_));
      at_ = next;
      if (starts("</")) {
        at_ += 2;
        if (name() != result->name) fail("mismatched end tag for " + result->name);
        skip_space();
        if (!starts(">")) fail("expected '>'");
        ++at_;
        return result;
      }
      if (starts("<!--")) {
        skip_past("-->");
        continue;
      }
      result->children.push_back(element());
    }
  }
  std::unique_ptr<XmlElement> document() {
    skip_space();
    if (starts("<?xml")) skip_past("?>");
    skip_space();
    if (starts("<!DOCTYPE")) skip_past(">");
    skip_space();
    auto root = element();
    skip_space();
    if (at_ != text_.size()) fail("content after the root element");
    return root;
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

}  // namespace anvil::test
