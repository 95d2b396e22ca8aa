#include "cloud/aws/lifecycle.h"

#include <mutex>
#include <sstream>

#include "engine/task.h"
#include "terraform/terraform_target.h"

namespace kops::cloud::aws {

namespace {

const std::map<std::string, Lifecycle>& Names() {
  static const std::map<std::string, Lifecycle> names{
      {"ExistsAndValidates", Lifecycle::kExistsAndValidates},
      {"ExistsAndWarnIfChanges", Lifecycle::kExistsAndWarnIfChanges},
      {"Ignore", Lifecycle::kIgnore},
      {"Sync", Lifecycle::kSync},
      {"WarnIfInsufficientAccess", Lifecycle::kWarnIfInsufficientAccess}};
  return names;
}

std::mutex warnings_mu;

}  // namespace

Result<LifecycleOverrides> ParseLifecycleOverrides(const std::vector<std::string>& flags) {
  LifecycleOverrides out;
  for (const auto& flag : flags) {
    std::stringstream entries(flag);
    for (std::string entry; std::getline(entries, entry, ',');) {
      size_t eq = entry.find('=');
      if (eq == std::string::npos || eq == 0 || entry.find('=', eq + 1) != std::string::npos) {
        return InvalidArgument(
            "incorrect syntax for --lifecycle-overrides, correct syntax is TaskName=Lifecycle, "
            "override provided: \"" + entry + "\"");
      }
      auto it = Names().find(entry.substr(eq + 1));
      if (it == Names().end()) {
        std::string known;
        for (const auto& [name, l] : Names()) known += (known.empty() ? "" : ",") + name;
        return InvalidArgument("unknown lifecycle \"" + entry.substr(eq + 1) +
                               "\", available lifecycles: " + known);
      }
      out[entry.substr(0, eq)] = it->second;
    }
  }
  return out;
}

std::set<std::string> UnknownTaskKinds(const LifecycleOverrides& overrides, const engine::Graph& graph) {
  std::set<std::string> unknown;
  for (const auto& [kind, l] : overrides) unknown.insert(kind);
  for (const auto& key : graph.Keys()) unknown.erase(key.substr(0, key.find('/')));
  return unknown;
}

Status LifecycleTarget::Skip(engine::Task& task) {
  if (terraform_) return terraform_->RenderElsewhere(task);
  return Status::Ok();
}

Status LifecycleTarget::Render(engine::Task& task, const engine::Change& change, engine::Context& ctx) {
  auto it = overrides_.find(task.kind());
  Lifecycle lifecycle = it == overrides_.end() ? Lifecycle::kSync : it->second;
  switch (lifecycle) {
    case Lifecycle::kSync:
    case Lifecycle::kWarnIfInsufficientAccess:
      return inner_.Render(task, change, ctx);
    case Lifecycle::kIgnore:
      return Skip(task);
    case Lifecycle::kExistsAndValidates:
    case Lifecycle::kExistsAndWarnIfChanges:
      break;
  }
  bool validates = lifecycle == Lifecycle::kExistsAndValidates;
  if (change.kind == engine::ChangeKind::kCreate) {
    if (validates) {
      return FailedPrecondition(task.key() + ": lifecycle set to ExistsAndValidates, but object was not found");
    }
    std::lock_guard lock(warnings_mu);
    warnings_ << "W " << task.key()
              << ": lifecycle set to ExistsAndWarnIfChanges and object was not found\n";
    return Skip(task);
  }
  {
    std::lock_guard lock(warnings_mu);
    warnings_ << "Object from different phase did not match, problems possible:\n  " << task.key() << "\n";
    for (const auto& c : change.changes) {
      warnings_ << "  \t" << c.field << "\t" << c.old_value.ToString() << " -> " << c.new_value.ToString()
                << "\n";
    }
    warnings_ << "\n";
  }
  if (validates) {
    return FailedPrecondition(task.key() + ": lifecycle set to ExistsAndValidates, but object did not match");
  }
  return Skip(task);
}

}  // namespace kops::cloud::aws
