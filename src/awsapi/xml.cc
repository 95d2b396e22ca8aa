#include "awsapi/xml.h"

#include <cctype>
#include <cstdlib>

#include "base/strings.h"

namespace kops::awsapi {
namespace {

constexpr int kMaxDepth = 200;

std::string LocalName(std::string_view name) {
  auto colon = name.find(':');
  return std::string(colon == std::string_view::npos ? name : name.substr(colon + 1));
}

void AppendUtf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  Result<XmlElement> Document() {
    RETURN_IF_ERROR(SkipMisc());
    if (!Peek('<')) return Error("expected a root element");
    XmlElement root;
    RETURN_IF_ERROR(Element(root, 0));
    RETURN_IF_ERROR(SkipMisc());
    if (pos_ != s_.size()) return Error("content after the root element");
    return root;
  }

 private:
  bool Peek(char c) const { return pos_ < s_.size() && s_[pos_] == c; }
  bool StartsHere(std::string_view p) const { return s_.substr(pos_, p.size()) == p; }
  void SkipSpace() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  Status Error(const std::string& what) const {
    return InvalidArgument("malformed XML at byte " + std::to_string(pos_) + ": " + what);
  }
  Status SkipPast(std::string_view end) {
    auto at = s_.find(end, pos_);
    if (at == std::string_view::npos) return Error("missing \"" + std::string(end) + "\"");
    pos_ = at + end.size();
    return Status::Ok();
  }

  // Prolog, comments, processing instructions and DOCTYPE around the root.
  Status SkipMisc() {
    for (;;) {
      SkipSpace();
      if (StartsHere("<?")) {
        RETURN_IF_ERROR(SkipPast("?>"));
      } else if (StartsHere("<!--")) {
        RETURN_IF_ERROR(SkipPast("-->"));
      } else if (StartsHere("<!")) {
        RETURN_IF_ERROR(SkipPast(">"));
      } else {
        return Status::Ok();
      }
    }
  }

  std::string Name() {
    size_t start = pos_;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (std::isspace(static_cast<unsigned char>(c)) || c == '>' || c == '/' || c == '=') break;
      ++pos_;
    }
    return std::string(s_.substr(start, pos_ - start));
  }

  Result<std::string> Decode(std::string_view raw) const {
    std::string out;
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] != '&') {
        out.push_back(raw[i]);
        continue;
      }
      auto semi = raw.find(';', i);
      if (semi == std::string_view::npos) return Error("unterminated entity");
      std::string_view ent = raw.substr(i + 1, semi - i - 1);
      if (ent == "amp")
        out += '&';
      else if (ent == "lt")
        out += '<';
      else if (ent == "gt")
        out += '>';
      else if (ent == "quot")
        out += '"';
      else if (ent == "apos")
        out += '\'';
      else if (!ent.empty() && ent[0] == '#') {
        std::string num(ent.substr(1));
        bool hex = !num.empty() && (num[0] == 'x' || num[0] == 'X');
        char* end = nullptr;
        unsigned long cp = std::strtoul(num.c_str() + (hex ? 1 : 0), &end, hex ? 16 : 10);
        if (!end || *end != '\0' || cp > 0x10FFFF) return Error("bad character reference");
        AppendUtf8(out, cp);
      } else {
        return Error("unknown entity &" + std::string(ent) + ";");
      }
      i = semi;
    }
    return out;
  }

  Status Attributes(XmlElement& el, bool& self_closing) {
    for (;;) {
      SkipSpace();
      if (pos_ >= s_.size()) return Error("unterminated start tag <" + el.name + ">");
      if (StartsHere("/>")) {
        pos_ += 2;
        self_closing = true;
        return Status::Ok();
      }
      if (Peek('>')) {
        ++pos_;
        return Status::Ok();
      }
      std::string name = Name();
      SkipSpace();
      if (name.empty() || !Peek('=')) return Error("expected name=\"value\" in <" + el.name + ">");
      ++pos_;
      SkipSpace();
      if (!Peek('"') && !Peek('\'')) return Error("attribute value must be quoted");
      char q = s_[pos_++];
      auto end = s_.find(q, pos_);
      if (end == std::string_view::npos) return Error("unterminated attribute value");
      ASSIGN_OR_RETURN(std::string value, Decode(s_.substr(pos_, end - pos_)));
      el.attributes.emplace_back(LocalName(name), std::move(value));
      pos_ = end + 1;
    }
  }

  Status Element(XmlElement& el, int depth) {
    if (depth > kMaxDepth) return Error("elements nested too deeply");
    ++pos_;  // '<'
    std::string qname = Name();
    if (qname.empty()) return Error("expected an element name");
    el.name = LocalName(qname);
    bool self_closing = false;
    RETURN_IF_ERROR(Attributes(el, self_closing));
    if (self_closing) return Status::Ok();
    return Content(el, qname, depth);
  }

  Status Content(XmlElement& el, const std::string& qname, int depth) {
    for (;;) {
      if (pos_ >= s_.size()) return Error("missing </" + qname + ">");
      if (StartsHere("</")) {
        pos_ += 2;
        std::string closing = Name();
        if (closing != qname) return Error("</" + closing + "> closes <" + qname + ">");
        SkipSpace();
        if (!Peek('>')) return Error("expected '>'");
        ++pos_;
        return Status::Ok();
      }
      if (StartsHere("<!--")) {
        RETURN_IF_ERROR(SkipPast("-->"));
      } else if (StartsHere("<![CDATA[")) {
        size_t start = pos_ + 9;
        RETURN_IF_ERROR(SkipPast("]]>"));
        el.text.append(s_.substr(start, pos_ - 3 - start));
      } else if (StartsHere("<?")) {
        RETURN_IF_ERROR(SkipPast("?>"));
      } else if (Peek('<')) {
        el.children.emplace_back();
        RETURN_IF_ERROR(Element(el.children.back(), depth + 1));
      } else {
        auto next = s_.find('<', pos_);
        if (next == std::string_view::npos) next = s_.size();
        ASSIGN_OR_RETURN(std::string text, Decode(s_.substr(pos_, next - pos_)));
        el.text += text;
        pos_ = next;
      }
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

const XmlElement* XmlElement::Child(std::string_view child_name) const {
  for (const auto& c : children)
    if (c.name == child_name) return &c;
  return nullptr;
}

std::vector<const XmlElement*> XmlElement::Children(std::string_view child_name) const {
  std::vector<const XmlElement*> out;
  for (const auto& c : children)
    if (c.name == child_name) out.push_back(&c);
  return out;
}

std::string XmlElement::ChildText(std::string_view child_name) const {
  const XmlElement* c = Child(child_name);
  return c ? Trim(c->text) : "";
}

const XmlElement* XmlElement::Find(std::string_view path) const {
  const XmlElement* cur = this;
  for (const std::string& step : SplitNonEmpty(path, '/')) {
    cur = cur->Child(step);
    if (!cur) return nullptr;
  }
  return cur;
}

Result<XmlElement> ParseXml(std::string_view text) { return Parser(text).Document(); }

}  // namespace kops::awsapi
