#include "api/yaml_writer.h"

#include "api/yaml_scalars.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace kops::api {
namespace {

using nlohmann::json;

bool IsLetter(unsigned char c) { return std::isalpha(c) || c >= 0x80; }
bool IsDigit(unsigned char c) { return std::isdigit(c); }

bool NeedsEscapes(const std::string& s) {
  for (unsigned char c : s)
    if ((c < 0x20 && c != '\n') || c == 0x7f) return true;
  return false;
}

// Whether s can be written as a plain block scalar (libyaml's analysis, simplified).
bool PlainAllowed(const std::string& s) {
  if (s.empty()) return false;
  if (s.front() == ' ' || s.back() == ' ') return false;
  static const std::string kIndicators = "-?:,[]{}#&*!|>'\"%@`";
  if (kIndicators.find(s.front()) != std::string::npos) {
    bool dash_ok = (s.front() == '-' || s.front() == '?' || s.front() == ':') && s.size() > 1 &&
                   s[1] != ' ';
    if (!dash_ok) return false;
  }
  if (s.back() == ':') return false;
  if (s.find(": ") != std::string::npos || s.find(" #") != std::string::npos) return false;
  if (s.find('\n') != std::string::npos || s.find('\t') != std::string::npos) return false;
  if (s == "---" || s == "...") return false;
  return true;
}

std::string DoubleQuoted(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02X", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string SingleQuoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "''";
    else out += c;
  }
  return out + "'";
}

std::string Indent(int n) { return std::string(static_cast<size_t>(n), ' '); }

// A multi-line string as a literal block; indent is the block's content indentation.
std::string LiteralBlock(const std::string& s, int indent) {
  std::string out = "|";
  bool ends_newline = !s.empty() && s.back() == '\n';
  bool ends_many = ends_newline && s.size() > 1 && s[s.size() - 2] == '\n';
  if (!s.empty() && s.front() == ' ') out += "2";
  if (!ends_newline) out += "-";
  else if (ends_many) out += "+";
  out += "\n";
  size_t start = 0;
  std::string body = ends_newline ? s.substr(0, s.size() - 1) : s;
  while (start <= body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    std::string line = body.substr(start, end - start);
    out += line.empty() ? "\n" : Indent(indent) + line + "\n";
    start = end + 1;
  }
  return out;
}

std::string ScalarText(const json& v, int indent) {
  if (v.is_null()) return "null";
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return v.dump();
  if (v.is_number_float()) {
    double d = v.get<double>();
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", d);
    // Shortest representation that round-trips, as Go's strconv does.
    for (int p = 1; p <= 17; ++p) {
      std::snprintf(buf, sizeof buf, "%.*g", p, d);
      if (std::strtod(buf, nullptr) == d) break;
    }
    return buf;
  }
  const std::string& s = v.get_ref<const std::string&>();
  if (s.find('\n') != std::string::npos && !NeedsEscapes(s)) return LiteralBlock(s, indent);
  if (s.empty() || ResolvesToNonString(s) || NeedsEscapes(s)) return DoubleQuoted(s);
  if (!PlainAllowed(s)) return SingleQuoted(s);
  return s;
}

bool IsEmptyCollection(const json& v) { return (v.is_object() || v.is_array()) && v.empty(); }

std::vector<std::string> SortedKeys(const json& obj) {
  std::vector<std::string> keys;
  for (auto it = obj.begin(); it != obj.end(); ++it) keys.push_back(it.key());
  std::sort(keys.begin(), keys.end(), YamlKeyLess);
  return keys;
}

void WriteNode(const json& v, int indent, std::string& out);

std::string KeyText(const std::string& key) { return ScalarText(json(key), 0); }

// Writes "value" after "key:" (or after "- "), handling nesting.
void WriteMapEntries(const json& obj, int indent, bool first_inline, std::string& out) {
  bool first = true;
  for (const auto& key : SortedKeys(obj)) {
    const json& v = obj.at(key);
    if (!(first && first_inline)) out += Indent(indent);
    first = false;
    out += KeyText(key) + ":";
    if (IsEmptyCollection(v)) {
      out += v.is_object() ? " {}\n" : " []\n";
    } else if (v.is_object()) {
      out += "\n";
      WriteMapEntries(v, indent + 2, false, out);
    } else if (v.is_array()) {
      out += "\n";
      WriteNode(v, indent, out);  // sequences in mappings are not indented
    } else {
      std::string text = ScalarText(v, indent + 2);
      out += " " + text;
      if (text.back() != '\n') out += "\n";
    }
  }
}

void WriteSequence(const json& arr, int indent, std::string& out) {
  for (const json& item : arr) {
    out += Indent(indent) + "-";
    if (IsEmptyCollection(item)) {
      out += item.is_object() ? " {}\n" : " []\n";
    } else if (item.is_object()) {
      out += " ";
      WriteMapEntries(item, indent + 2, true, out);
    } else if (item.is_array()) {
      out += "\n";
      WriteSequence(item, indent + 2, out);
    } else {
      std::string text = ScalarText(item, indent + 2);
      out += " " + text;
      if (text.back() != '\n') out += "\n";
    }
  }
}

void WriteNode(const json& v, int indent, std::string& out) {
  if (v.is_object()) {
    if (v.empty()) out += Indent(indent) + "{}\n";
    else WriteMapEntries(v, indent, false, out);
  } else if (v.is_array()) {
    if (v.empty()) out += Indent(indent) + "[]\n";
    else WriteSequence(v, indent, out);
  } else {
    std::string text = ScalarText(v, indent);
    out += text;
    if (text.back() != '\n') out += "\n";
  }
}

}  // namespace

bool YamlKeyLess(const std::string& a, const std::string& b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    unsigned char ac = a[i], bc = b[i];
    if (ac == bc) continue;
    bool al = IsLetter(ac), bl = IsLetter(bc);
    if (al && bl) return ac < bc;
    if (al || bl) return bl;
    // Compare runs of digits by value.
    size_t ai = i, bi = i;
    unsigned long long an = 0, bn = 0;
    while (ai < a.size() && IsDigit(a[ai])) an = an * 10 + (a[ai++] - '0');
    while (bi < b.size() && IsDigit(b[bi])) bn = bn * 10 + (b[bi++] - '0');
    if (an != bn) return an < bn;
    if (ai != bi) return ai < bi;
    return ac < bc;
  }
  return a.size() < b.size();
}

std::string ToYamlText(const nlohmann::json& value) {
  std::string out;
  WriteNode(value, 0, out);
  return out;
}

std::string ToYamlDocuments(const std::vector<nlohmann::json>& docs) {
  std::string out;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (i) out += "\n---\n\n";
    out += ToYamlText(docs[i]);
  }
  return out;
}

}  // namespace kops::api
