#include "engine/direct_target.h"

#include "engine/task.h"

namespace kops::engine {

Status DirectTarget::Render(Task& task, const Change& change, Context& ctx) {
  return task.Apply(*this, change, ctx).WithContext("applying " + task.key() + " on " + cloud());
}

Status DirectTarget::Delete(const Deletion& deletion) {
  if (!deletion.apply) {
    return FailedPrecondition("deletion of " + deletion.kind + " " + deletion.item +
                              " cannot be applied on " + cloud());
  }
  return deletion.apply(*this).WithContext("deleting " + deletion.kind + " " + deletion.item);
}

}  // namespace kops::engine
