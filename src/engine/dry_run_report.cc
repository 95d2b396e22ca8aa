#include "engine/dry_run_report.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/strings.h"
#include "engine/text_diff.h"

namespace kops::engine {

namespace {

bool HiddenOnCreate(const FieldChange& c) {
  return c.field == "Name" || c.field == "Lifecycle" || c.new_value.is_null() ||
         c.new_value.get_if<FileContent>() != nullptr;
}

std::string FieldLine(const std::string& field, const std::string& text) {
  return fmt::format("  \t{:<20}\t{}\n", field, text);
}

void AppendCreate(const RenderedChange& r, std::string* out) {
  *out += "  " + r.kind + "/" + r.name + "\n";
  for (const FieldChange& c : r.change.changes) {
    if (!HiddenOnCreate(c)) *out += FieldLine(c.field, c.new_value.ToString());
  }
  *out += "\n";
}

// " old -> new", or a multi-line diff when the new value is file contents.
std::string Describe(const FieldChange& c) {
  if (const auto* file = c.new_value.get_if<FileContent>()) {
    const auto* old_file = c.old_value.get_if<FileContent>();
    return FormatTextDiff(old_file ? old_file->contents : "", file->contents);
  }
  return " " + c.old_value.ToString() + " -> " + c.new_value.ToString();
}

void AppendModify(const RenderedChange& r, std::string* out) {
  *out += "  " + r.kind + "/" + r.name + "\n";
  for (const FieldChange& c : r.change.changes) {
    std::vector<std::string> lines = Split(Describe(c), '\n');
    if (lines.size() > 1 && lines.back().empty()) lines.pop_back();
    if (lines.size() == 1) {
      *out += FieldLine(c.field, lines[0]);
      continue;
    }
    *out += fmt::format("  \t{:<20}\n", c.field);
    for (const auto& line : lines) *out += FieldLine("", line);
  }
  *out += "\n";
}

}  // namespace

std::string FormatDryRunReport(std::vector<RenderedChange> changes,
                               std::vector<Deletion> deletions) {
  auto by_key = [](const RenderedChange& a, const RenderedChange& b) {
    return std::tie(a.kind, a.name) < std::tie(b.kind, b.name);
  };
  std::sort(changes.begin(), changes.end(), by_key);
  std::string creates, modifies;
  for (const auto& r : changes) {
    if (r.change.kind == ChangeKind::kCreate) {
      AppendCreate(r, &creates);
    } else {
      AppendModify(r, &modifies);
    }
  }
  std::string out;
  if (!creates.empty()) out += "Will create resources:\n" + creates;
  if (!modifies.empty()) out += "Will modify resources:\n" + modifies;
  if (!deletions.empty()) {
    std::sort(deletions.begin(), deletions.end(), [](const Deletion& a, const Deletion& b) {
      return std::tie(a.kind, a.item) < std::tie(b.kind, b.item);
    });
    out += "Will delete items:\n";
    for (const auto& d : deletions) out += fmt::format("  {:<20} {}\n", d.kind, d.item);
  }
  return out;
}

}  // namespace kops::engine
