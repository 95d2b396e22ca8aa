#include "terraform/hcl.h"

#include <algorithm>
#include <cstdio>

namespace kops::terraform {

bool Expr::IsMultiLine() const {
  const Map* m = get_if<Map>();
  return m && !m->empty();
}

Body& Body::Add(std::string name, Expr value) {
  items_.push_back(BodyItem{std::move(name), std::move(value), nullptr});
  return *this;
}

Body& Body::AddBlock(Block block) {
  std::string name = block.type;
  items_.push_back(BodyItem{std::move(name), Expr(), std::make_shared<Block>(std::move(block))});
  return *this;
}

void Body::SortByName() {
  std::stable_sort(items_.begin(), items_.end(),
                   [](const BodyItem& a, const BodyItem& b) { return a.name < b.name; });
}

std::string QuoteString(const std::string& s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool opens = i + 1 < s.size() && s[i + 1] == '{';
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '$': out += opens ? "$$" : "$"; break;
      case '%': out += opens ? "%%" : "%"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

namespace {

std::string Spaces(int n) { return std::string(static_cast<size_t>(n), ' '); }

// Writes a run of aligned "name = value" lines; names are written as given.
void WriteAligned(const std::vector<std::pair<std::string, const Expr*>>& run, int indent,
                  std::string* out) {
  size_t width = 0;
  for (const auto& [name, value] : run) width = std::max(width, name.size());
  for (const auto& [name, value] : run) {
    *out += Spaces(indent) + name + Spaces(static_cast<int>(width - name.size())) + " = " +
            WriteExpr(*value, indent) + "\n";
  }
}

std::string WriteMap(const Expr::Map& map, int indent) {
  if (map.empty()) return "{}";
  std::string out = "{\n";
  std::vector<std::pair<std::string, const Expr*>> run;
  for (const auto& [key, value] : map) {
    std::string name = QuoteString(key);
    if (value.IsMultiLine()) {
      WriteAligned(run, indent + 2, &out);
      run.clear();
      out += Spaces(indent + 2) + name + " = " + WriteExpr(value, indent + 2) + "\n";
    } else {
      run.emplace_back(std::move(name), &value);
    }
  }
  WriteAligned(run, indent + 2, &out);
  return out + Spaces(indent) + "}";
}

}  // namespace

std::string WriteExpr(const Expr& e, int indent) {
  if (e.is_null()) return "null";
  if (const auto* s = e.get_if<std::string>()) return QuoteString(*s);
  if (const auto* n = e.get_if<int64_t>()) return std::to_string(*n);
  if (const auto* b = e.get_if<bool>()) return *b ? "true" : "false";
  if (const auto* r = e.get_if<Expr::Raw>()) return r->text;
  if (const auto* m = e.get_if<Expr::Map>()) return WriteMap(*m, indent);
  const auto& list = *e.get_if<Expr::List>();
  std::string out = "[";
  for (size_t i = 0; i < list.size(); ++i) {
    if (i) out += ", ";
    out += WriteExpr(list[i], indent);
  }
  return out + "]";
}

static std::string WriteBlockHeader(const Block& block) {
  std::string out = block.type;
  for (const auto& label : block.labels) out += " " + QuoteString(label);
  return out + " {\n";
}

std::string WriteBody(const Body& body, int indent) {
  std::string out;
  std::vector<std::pair<std::string, const Expr*>> run;
  for (const BodyItem& item : body.items()) {
    if (!item.is_block() && !item.value.IsMultiLine()) {
      run.emplace_back(item.name, &item.value);
      continue;
    }
    WriteAligned(run, indent, &out);
    run.clear();
    if (item.is_block()) {
      out += Spaces(indent) + WriteBlockHeader(*item.block);
      out += WriteBody(item.block->body, indent + 2);
      out += Spaces(indent) + "}\n";
    } else {
      out += Spaces(indent) + item.name + " = " + WriteExpr(item.value, indent) + "\n";
    }
  }
  WriteAligned(run, indent, &out);
  return out;
}

std::string WriteFile(const std::vector<Block>& blocks) {
  std::string out;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (i) out += "\n";
    out += WriteBlockHeader(blocks[i]) + WriteBody(blocks[i].body, 2) + "}\n";
  }
  return out;
}

}  // namespace kops::terraform
