#include "engine/task.h"

#include "engine/context.h"

namespace kops::engine {

Task::Task(std::string kind, std::string name)
    : kind_(std::move(kind)), name_(std::move(name)), key_(kind_ + "/" + name_) {}

void Task::DependOn(std::string task_key) { explicit_deps_.push_back(std::move(task_key)); }

std::vector<FieldChange> Task::Compare(const Fields& expected, const Fields& actual,
                                       const Context& ctx) const {
  return DiffFields(expected, actual, ctx.Resolver());
}

Status Task::Apply(DirectTarget&, const Change&, Context&) {
  return FailedPrecondition("task " + key_ + " cannot be applied to a direct target");
}

Result<std::vector<Deletion>> Task::FindDeletions(Context&) { return std::vector<Deletion>{}; }

}  // namespace kops::engine
