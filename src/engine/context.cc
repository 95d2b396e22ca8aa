#include "engine/context.h"

namespace kops::engine {

void Context::Publish(std::string_view task_key, std::string_view attribute, std::string value) {
  std::lock_guard lock(mu_);
  outputs_[{std::string(task_key), std::string(attribute)}] = std::move(value);
}

Result<std::string> Context::Resolve(const Reference& ref) const {
  std::lock_guard lock(mu_);
  auto it = outputs_.find({ref.task, ref.attribute});
  if (it == outputs_.end()) {
    return Unavailable("waiting for " + ref.attribute + " of " + ref.task);
  }
  return it->second;
}

ReferenceResolver Context::Resolver() const {
  return [this](const Reference& ref) -> std::optional<std::string> {
    Result<std::string> r = Resolve(ref);
    if (!r.ok()) return std::nullopt;
    return *r;
  };
}

}  // namespace kops::engine
