#include "engine/run_task.h"

#include "engine/target.h"

namespace kops::engine {

namespace {

Status RenderChange(Task& task, Context& ctx) {
  Change change;
  change.expected = task.Expected();
  std::optional<Fields> actual;
  if (!ctx.offline()) {
    ASSIGN_OR_RETURN(actual, task.Find(ctx));
  }
  if (!actual) {
    change.kind = ChangeKind::kCreate;
    change.changes = CreationChanges(change.expected);
  } else {
    change.kind = ChangeKind::kModify;
    change.changes = task.Compare(change.expected, *actual, ctx);
    if (change.changes.empty()) return Status::Ok();
    change.actual = std::move(actual);
  }
  return ctx.target().Render(task, change, ctx);
}

Status ProcessDeletions(Task& task, Context& ctx) {
  if (ctx.offline() || !ctx.target().ProcessesDeletions()) return Status::Ok();
  ASSIGN_OR_RETURN(std::vector<Deletion> deletions, task.FindDeletions(ctx));
  for (const Deletion& deletion : deletions) {
    RETURN_IF_ERROR(ctx.target().Delete(deletion));
  }
  return Status::Ok();
}

}  // namespace

Status RunTask(Task& task, Context& ctx) {
  RETURN_IF_ERROR(RenderChange(task, ctx));
  return ProcessDeletions(task, ctx);
}

}  // namespace kops::engine
