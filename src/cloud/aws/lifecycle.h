// kops' task lifecycles (upup/pkg/fi/lifecycle.go) and `update cluster
// --lifecycle-overrides TaskName=Lifecycle[,...]`, e.g. SecurityGroup=ExistsAndWarnIfChanges,
// IAMRole=Ignore. TaskName is the kind of the model's tasks ("SecurityGroup",
// "SecurityGroupRule", "IAMRole", "LaunchTemplate"...); every task of that kind gets the
// lifecycle. What each one does, as kops does it:
//   Sync                      the default: create or update.
//   WarnIfInsufficientAccess  like Sync (a failing look-up would only warn; offline
//                             runs look nothing up).
//   Ignore                    the task is skipped: not shown, not written. In Terraform
//                             the references to it stay (as kops writes them): the
//                             resource must be declared elsewhere.
//   ExistsAndWarnIfChanges    the resource must exist already: when it is missing (which
//                             is every resource offline and with --target terraform,
//                             where kops does not look) a warning names it and it is
//                             skipped; when it differs, the differences are warned about
//                             and not applied.
//   ExistsAndValidates        like ExistsAndWarnIfChanges but missing or different is an
//                             error that fails the update.
#pragma once

#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "base/status.h"
#include "engine/graph.h"
#include "engine/target.h"

namespace kops::terraform {
class TerraformTarget;
}

namespace kops::cloud::aws {

enum class Lifecycle { kSync, kIgnore, kWarnIfInsufficientAccess, kExistsAndValidates, kExistsAndWarnIfChanges };

// "TaskName=Lifecycle" entries (each flag value may hold several, comma-separated) ->
// task kind -> lifecycle. InvalidArgument for a malformed entry or an unknown
// lifecycle, naming the accepted ones.
using LifecycleOverrides = std::map<std::string, Lifecycle>;
Result<LifecycleOverrides> ParseLifecycleOverrides(const std::vector<std::string>& flags);

// The override kinds that name no task of `graph` (kops accepts those silently; the
// caller warns about them).
std::set<std::string> UnknownTaskKinds(const LifecycleOverrides& overrides, const engine::Graph& graph);

// A Target that applies the overrides before handing a change to `inner`. Skipped
// tasks are recorded in `terraform` (when given) as declared elsewhere, so references
// to them are still written. Warnings go to `warnings`. Thread-safe as `inner` is.
class LifecycleTarget : public engine::Target {
 public:
  LifecycleTarget(engine::Target& inner, LifecycleOverrides overrides, std::ostream& warnings,
                  terraform::TerraformTarget* terraform = nullptr)
      : inner_(inner), overrides_(std::move(overrides)), warnings_(warnings), terraform_(terraform) {}

  Status Render(engine::Task& task, const engine::Change& change, engine::Context& ctx) override;
  Status Delete(const engine::Deletion& deletion) override { return inner_.Delete(deletion); }
  bool ProcessesDeletions() const override { return inner_.ProcessesDeletions(); }
  Status Finish() override { return inner_.Finish(); }

 private:
  Status Skip(engine::Task& task);

  engine::Target& inner_;
  const LifecycleOverrides overrides_;
  std::ostream& warnings_;
  terraform::TerraformTarget* terraform_;
};

}  // namespace kops::cloud::aws
