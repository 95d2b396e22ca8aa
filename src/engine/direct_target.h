// DirectTarget: a Target that changes real infrastructure. Each cloud (local, aws)
// derives from it and carries its API client; a task's Apply downcasts the target to its
// cloud's type to reach that client. Render calls task.Apply; Delete calls
// deletion.apply. Both must be safe to call from several threads.
#pragma once

#include <string>

#include "engine/target.h"

namespace kops::engine {

class DirectTarget : public Target {
 public:
  // The cloud this target applies to ("local", "aws"), for error messages.
  virtual std::string cloud() const = 0;

  Status Render(Task& task, const Change& change, Context& ctx) final;
  Status Delete(const Deletion& deletion) override;
  bool ProcessesDeletions() const override { return true; }
  Status Finish() override { return Status::Ok(); }
};

}  // namespace kops::engine
