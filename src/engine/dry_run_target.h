// DryRunTarget: records what a run would change and prints it (see dry_run_report.h)
// instead of changing anything. Thread-safe.
#pragma once

#include <mutex>
#include <ostream>
#include <string>
#include <vector>

#include "engine/dry_run_report.h"
#include "engine/target.h"

namespace kops::engine {

class DryRunTarget : public Target {
 public:
  // Finish writes the report to *out when out is not null; out must outlive the target.
  explicit DryRunTarget(std::ostream* out = nullptr) : out_(out) {}

  Status Render(Task& task, const Change& change, Context& ctx) override;
  Status Delete(const Deletion& deletion) override;
  bool ProcessesDeletions() const override { return true; }
  Status Finish() override;

  // The report for everything recorded so far ("" when there is nothing to change).
  std::string Report() const;
  bool HasChanges() const;
  // Sorted "Kind/name" keys of the tasks that would be created, or modified.
  std::vector<std::string> CreatedKeys() const;
  std::vector<std::string> ModifiedKeys() const;
  // Sorted "kind item" of the deletions.
  std::vector<std::string> DeletedItems() const;

 private:
  std::vector<std::string> KeysOf(ChangeKind kind) const;

  std::ostream* out_;
  mutable std::mutex mu_;
  std::vector<RenderedChange> changes_;
  std::vector<Deletion> deletions_;
};

}  // namespace kops::engine
