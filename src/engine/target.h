// Target: where the changes of a run go. DryRunTarget (here) records and prints them,
// the terraform target (src/terraform) writes configuration, a DirectTarget applies
// them to a cloud. Render and Delete are called concurrently from executor threads and
// must be thread-safe; Finish is called once, after every task ran.
#pragma once

#include "base/status.h"
#include "engine/change.h"

namespace kops::engine {

class Context;
class Task;

class Target {
 public:
  virtual ~Target() = default;

  // Handles one task's change. Not called for tasks that need no change.
  virtual Status Render(Task& task, const Change& change, Context& ctx) = 0;

  // Handles one deletion; only called when ProcessesDeletions().
  virtual Status Delete(const Deletion& deletion) = 0;
  virtual bool ProcessesDeletions() const = 0;

  // Completes the run: prints the report, writes files...
  virtual Status Finish() = 0;
};

}  // namespace kops::engine
