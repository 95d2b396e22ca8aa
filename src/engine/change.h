// Change: what a target is asked to do for one task, and Deletion: a resource that no
// task expects any more.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "engine/field_diff.h"
#include "engine/value.h"

namespace kops::engine {

class DirectTarget;

enum class ChangeKind {
  kCreate,  // the resource does not exist (or state is unknown: offline)
  kModify,  // it exists and some expected fields differ
};

struct Change {
  ChangeKind kind = ChangeKind::kCreate;
  Fields expected;                   // the whole expected state
  std::optional<Fields> actual;      // what Find returned; set exactly for kModify
  std::vector<FieldChange> changes;  // kCreate: every set field; kModify: the differing ones
};

// A resource to remove, found by a task (kops "ProducesDeletions"). `kind` and `item`
// are what people read ("  <kind padded> <item>"); `apply` removes it through a direct
// target and may be empty for deletions that are only reported.
struct Deletion {
  std::string kind;
  std::string item;
  std::function<Status(DirectTarget&)> apply;
};

}  // namespace kops::engine
