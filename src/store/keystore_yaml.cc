#include "store/keystore_yaml.h"

#include <cctype>

#include "base/strings.h"

namespace kops::store {
namespace {

struct Line {
  int number;  // 1-based, for errors
  int indent;
  std::string text;  // without indentation, non-empty
};

Status LineError(const Line& line, const std::string& what) {
  return InvalidArgument("YAML line " + std::to_string(line.number) + " (\"" + line.text +
                         "\"): " + what);
}

bool IsSeqItem(const std::string& text) { return text == "-" || StartsWith(text, "- "); }

// Position of the ':' that ends a mapping key, or npos.
size_t KeyColon(const std::string& text) {
  if (text.empty() || text[0] == '"' || text[0] == '\'') return std::string::npos;
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == ':' && (i + 1 == text.size() || text[i + 1] == ' ')) return i;
  return std::string::npos;
}

Result<YamlNode> ParseScalar(const Line& line, std::string_view raw) {
  std::string v = Trim(raw);
  YamlNode node;
  if (v.empty() || v == "null" || v == "~") return node;
  if (v == "[]") return YamlNode{YamlNode::Kind::kSeq, "", {}, {}};
  if (v == "{}") return YamlNode{YamlNode::Kind::kMap, "", {}, {}};
  node.kind = YamlNode::Kind::kScalar;
  if (v[0] == '\'') {
    if (v.size() < 2 || v.back() != '\'') return LineError(line, "unterminated single quote");
    node.scalar = ReplaceAll(v.substr(1, v.size() - 2), "''", "'");
    return node;
  }
  if (v[0] == '"') {
    if (v.size() < 2 || v.back() != '"') return LineError(line, "unterminated double quote");
    for (size_t i = 1; i + 1 < v.size(); ++i) {
      char c = v[i];
      if (c != '\\') {
        node.scalar.push_back(c);
        continue;
      }
      if (++i + 1 >= v.size()) return LineError(line, "dangling escape");
      switch (v[i]) {
        case 'n':
          node.scalar.push_back('\n');
          break;
        case 't':
          node.scalar.push_back('\t');
          break;
        case '"':
          node.scalar.push_back('"');
          break;
        case '\\':
          node.scalar.push_back('\\');
          break;
        case '/':
          node.scalar.push_back('/');
          break;
        default:
          return LineError(line, std::string("unsupported escape \\") + v[i]);
      }
    }
    return node;
  }
  if (v[0] == '[' || v[0] == '{' || v[0] == '&' || v[0] == '*' || v[0] == '!' || v[0] == '|' ||
      v[0] == '>')
    return LineError(line, "flow collections, anchors, tags and block scalars are not supported");
  size_t comment = v.find(" #");
  node.scalar = Trim(v.substr(0, comment));
  return node;
}

class Parser {
 public:
  explicit Parser(std::vector<Line> lines) : lines_(std::move(lines)) {}

  Result<YamlNode> ParseDocument() {
    if (lines_.empty()) return YamlNode{};
    ASSIGN_OR_RETURN(YamlNode root, ParseBlock(lines_[0].indent));
    if (pos_ < lines_.size()) return LineError(lines_[pos_], "unexpected indentation");
    return root;
  }

 private:
  Result<YamlNode> ParseBlock(int indent) {
    if (IsSeqItem(lines_[pos_].text)) return ParseSeq(indent);
    if (KeyColon(lines_[pos_].text) == std::string::npos) {
      const Line& line = lines_[pos_++];
      return ParseScalar(line, line.text);
    }
    return ParseMap(indent);
  }

  Result<YamlNode> ParseMap(int indent) {
    YamlNode node{YamlNode::Kind::kMap, "", {}, {}};
    while (pos_ < lines_.size() && lines_[pos_].indent == indent && !IsSeqItem(lines_[pos_].text)) {
      const Line line = lines_[pos_++];
      size_t colon = KeyColon(line.text);
      if (colon == std::string::npos) return LineError(line, "expected \"key: value\"");
      std::string key = Trim(line.text.substr(0, colon));
      std::string rest = line.text.substr(colon + 1);
      YamlNode value;
      if (!Trim(rest).empty()) {
        ASSIGN_OR_RETURN(value, ParseScalar(line, rest));
      } else if (pos_ < lines_.size() && lines_[pos_].indent > indent) {
        ASSIGN_OR_RETURN(value, ParseBlock(lines_[pos_].indent));
      } else if (pos_ < lines_.size() && lines_[pos_].indent == indent &&
                 IsSeqItem(lines_[pos_].text)) {
        ASSIGN_OR_RETURN(value, ParseSeq(indent));
      }
      node.map.emplace_back(std::move(key), std::move(value));
    }
    return node;
  }

  Result<YamlNode> ParseSeq(int indent) {
    YamlNode node{YamlNode::Kind::kSeq, "", {}, {}};
    while (pos_ < lines_.size() && lines_[pos_].indent == indent && IsSeqItem(lines_[pos_].text)) {
      Line& line = lines_[pos_];
      std::string content = line.text.substr(1);
      size_t spaces = content.find_first_not_of(' ');
      if (spaces == std::string::npos) {  // "-" alone: the item is the nested block
        ++pos_;
        if (pos_ < lines_.size() && lines_[pos_].indent > indent) {
          ASSIGN_OR_RETURN(YamlNode item, ParseBlock(lines_[pos_].indent));
          node.seq.push_back(std::move(item));
        } else {
          node.seq.emplace_back();
        }
        continue;
      }
      // Re-read the item's content as a line of its own at its column.
      line.indent = indent + 1 + static_cast<int>(spaces);
      line.text = content.substr(spaces);
      ASSIGN_OR_RETURN(YamlNode item, ParseBlock(line.indent));
      node.seq.push_back(std::move(item));
    }
    return node;
  }

  std::vector<Line> lines_;
  size_t pos_ = 0;
};

}  // namespace

const YamlNode* YamlNode::Find(std::string_view key) const {
  for (const auto& [k, v] : map)
    if (k == key) return &v;
  return nullptr;
}

Result<YamlNode> ParseYamlSubset(std::string_view text) {
  std::vector<Line> lines;
  int number = 0;
  for (const std::string& raw : Split(text, '\n')) {
    ++number;
    std::string line = raw;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t first = line.find_first_not_of(' ');
    if (first == std::string::npos || line[first] == '#') continue;
    if (line.find('\t') < first)
      return InvalidArgument("YAML line " + std::to_string(number) +
                             ": tabs are not allowed in indentation");
    if (lines.empty() && first == 0 && line.rfind("---", 0) == 0) continue;
    lines.push_back(Line{number, static_cast<int>(first), line.substr(first)});
  }
  return Parser(std::move(lines)).ParseDocument();
}

std::string YamlScalar(std::string_view value) {
  static const std::vector<std::string> kReserved = {"",   "null", "~",   "true", "false", "yes",
                                                     "no", "on",   "off", "y",    "n"};
  bool plain = (std::isalpha(static_cast<unsigned char>(value.empty() ? '0' : value[0])) != 0);
  for (const std::string& r : kReserved)
    if (ToLower(value) == r) plain = false;
  for (char c : value)
    if (!std::isalnum(static_cast<unsigned char>(c)) &&
        std::string_view("._/+=-").find(c) == std::string_view::npos)
      plain = false;
  if (plain) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace kops::store
