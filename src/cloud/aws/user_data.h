// The user data of a launch template: the bootstrap script that installs nodeup and
// points it at the group's nodeup configuration in the state store (kops
// pkg/model/bootstrapscript.go). Deterministic for a given spec.
#pragma once

#include <string>

#include "cloud/aws/model_context.h"

namespace kops::cloud::aws {

std::string NodeUserData(const ModelContext& m, const api::InstanceGroup& ig);

}  // namespace kops::cloud::aws
