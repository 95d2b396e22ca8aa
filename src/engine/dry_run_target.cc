#include "engine/dry_run_target.h"

#include <algorithm>

#include "engine/task.h"

namespace kops::engine {

Status DryRunTarget::Render(Task& task, const Change& change, Context&) {
  std::lock_guard lock(mu_);
  changes_.push_back({task.kind(), task.name(), change});
  return Status::Ok();
}

Status DryRunTarget::Delete(const Deletion& deletion) {
  std::lock_guard lock(mu_);
  deletions_.push_back(deletion);
  return Status::Ok();
}

Status DryRunTarget::Finish() {
  if (!out_) return Status::Ok();
  *out_ << Report();
  out_->flush();
  if (!*out_) return Internal("writing the dry-run report failed");
  return Status::Ok();
}

std::string DryRunTarget::Report() const {
  std::lock_guard lock(mu_);
  return FormatDryRunReport(changes_, deletions_);
}

bool DryRunTarget::HasChanges() const {
  std::lock_guard lock(mu_);
  return !changes_.empty() || !deletions_.empty();
}

std::vector<std::string> DryRunTarget::KeysOf(ChangeKind kind) const {
  std::lock_guard lock(mu_);
  std::vector<std::string> keys;
  for (const auto& r : changes_) {
    if (r.change.kind == kind) keys.push_back(r.kind + "/" + r.name);
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::vector<std::string> DryRunTarget::CreatedKeys() const { return KeysOf(ChangeKind::kCreate); }
std::vector<std::string> DryRunTarget::ModifiedKeys() const { return KeysOf(ChangeKind::kModify); }

std::vector<std::string> DryRunTarget::DeletedItems() const {
  std::lock_guard lock(mu_);
  std::vector<std::string> items;
  for (const auto& d : deletions_) items.push_back(d.kind + " " + d.item);
  std::sort(items.begin(), items.end());
  return items;
}

}  // namespace kops::engine
