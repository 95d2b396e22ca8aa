#include "engine/text_diff.h"

#include <vector>

#include "base/strings.h"

namespace kops::engine {

namespace {

constexpr int kContextLines = 2;

enum class Op { kSame, kDelete, kInsert };
struct Line {
  Op op;
  std::string text;
};

std::vector<std::string> Lines(const std::string& text) {
  if (text.empty()) return {};
  std::vector<std::string> lines = Split(text, '\n');
  if (lines.back().empty()) lines.pop_back();  // a trailing '\n' ends the last line
  return lines;
}

// Longest-common-subsequence alignment; fine for the small documents tasks carry.
std::vector<Line> Align(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::vector<Line> out;
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      out.push_back({Op::kSame, a[i++]});
      ++j;
    } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out.push_back({Op::kInsert, b[j++]});
    } else {
      out.push_back({Op::kDelete, a[i++]});
    }
  }
  // Show deletions before insertions within a run of changes, as readers expect.
  for (size_t k = 1; k < out.size(); ++k) {
    for (size_t p = k; p > 0 && out[p].op == Op::kDelete && out[p - 1].op == Op::kInsert; --p) {
      std::swap(out[p], out[p - 1]);
    }
  }
  return out;
}

}  // namespace

std::string FormatTextDiff(const std::string& old_text, const std::string& new_text) {
  if (old_text == new_text) return "";
  std::vector<Line> lines = Align(Lines(old_text), Lines(new_text));
  std::vector<bool> keep(lines.size(), false);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].op == Op::kSame) continue;
    int lo = static_cast<int>(i) - kContextLines, hi = static_cast<int>(i) + kContextLines;
    for (int j = std::max(lo, 0); j <= hi && j < static_cast<int>(lines.size()); ++j)
      keep[j] = true;
  }
  std::string out;
  bool skipped = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!keep[i]) {
      if (!skipped) out += "...\n";
      skipped = true;
      continue;
    }
    skipped = false;
    out += lines[i].op == Op::kSame ? "  " : lines[i].op == Op::kDelete ? "- " : "+ ";
    out += lines[i].text + "\n";
  }
  return out;
}

}  // namespace kops::engine
