// HCL syntax tree for the subset of Terraform configuration kops writes, and its writer.
//
// Expr: null, string literal, number, bool, list, map (keys always written quoted), or a
// raw expression written verbatim (references "aws_vpc.x.id", function calls
// `file("${path.module}/data/...")`, "aws.files").
// Body: attributes and nested blocks, written in the order they were added (callers
// sort; see SortByName). Block: a type, labels and a body.
//
// Layout follows `terraform fmt` / hclwrite as kops' goldens show it: two-space indent;
// in a run of consecutive single-line attributes (or map entries) the `=` signs are
// aligned; a multi-line value (a non-empty map) or a nested block ends the run and is
// not padded; top-level blocks are separated by one blank line; output ends with "\n".
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace kops::terraform {

class Expr {
 public:
  using List = std::vector<Expr>;
  using Map = std::vector<std::pair<std::string, Expr>>;  // written in this order
  struct Raw {
    std::string text;
    bool operator==(const Raw&) const = default;
  };

  Expr() = default;  // null
  static Expr String(std::string s) { return Expr(V(std::move(s))); }
  static Expr Number(int64_t n) { return Expr(V(n)); }
  static Expr Bool(bool b) { return Expr(V(b)); }
  static Expr ListOf(List items) { return Expr(V(std::move(items))); }
  static Expr MapOf(Map entries) { return Expr(V(std::move(entries))); }
  static Expr RawText(std::string text) { return Expr(V(Raw{std::move(text)})); }

  bool is_null() const { return v_.index() == 0; }
  // True when the value is written over several lines (a non-empty map).
  bool IsMultiLine() const;
  template <typename T>
  const T* get_if() const {
    return std::get_if<T>(&v_);
  }

  bool operator==(const Expr&) const = default;

 private:
  using V = std::variant<std::monostate, std::string, int64_t, bool, List, Map, Raw>;
  explicit Expr(V v) : v_(std::move(v)) {}
  V v_;
};

struct Block;

// One entry of a body: an attribute (name = value) or a nested block (block set; name
// is then the block type).
struct BodyItem {
  std::string name;
  Expr value;
  std::shared_ptr<const Block> block;
  bool is_block() const { return block != nullptr; }
};

class Body {
 public:
  Body& Add(std::string name, Expr value);
  Body& AddBlock(Block block);
  const std::vector<BodyItem>& items() const { return items_; }
  bool empty() const { return items_.empty(); }
  // Stable sort of attributes and blocks together by name (a block's name is its type),
  // as kops orders resource bodies; repeated blocks keep their relative order.
  void SortByName();

 private:
  std::vector<BodyItem> items_;
};

struct Block {
  std::string type;                 // "resource", "tag", "launch_template"...
  std::vector<std::string> labels;  // written quoted
  Body body;
};

// A quoted HCL string literal: escapes \ " and control characters, and "${" / "%{"
// (as "$${" / "%%{") so the text is never interpolated.
std::string QuoteString(const std::string& s);

// The expression as written on one line; a multi-line map is written with `indent`
// being the indentation of the line it starts on.
std::string WriteExpr(const Expr& e, int indent = 0);

// The body's lines at `indent` spaces (each line ends with "\n").
std::string WriteBody(const Body& body, int indent);

// A whole file: the blocks separated by blank lines.
std::string WriteFile(const std::vector<Block>& blocks);

}  // namespace kops::terraform
