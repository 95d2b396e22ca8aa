// RunTask: one task's whole step against ctx.target(): find, compare, render, deletions.
#pragma once

#include "base/status.h"
#include "engine/context.h"
#include "engine/task.h"

namespace kops::engine {

// Offline, or when Find returns nullopt: renders a kCreate with every set field.
// Otherwise renders a kModify with task.Compare's changes, or nothing when there are
// none. Then, online and when the target processes deletions, hands each of
// task.FindDeletions() to the target. Errors keep their code (so kUnavailable stays
// retryable); the runners (Plan::Run, Executor) prefix them with the task key.
Status RunTask(Task& task, Context& ctx);

}  // namespace kops::engine
