// The inline IAM role policies kops attaches to the control-plane and node roles
// (pkg/model/iam/iam_builder.go): aws_iam_role_policy "<role>" whose policy document is
// written to data/. A role whose document would have no statement gets no policy.
#pragma once

#include <string>

#include "base/status.h"
#include "cloud/aws/model_context.h"
#include "engine/graph.h"

namespace kops::cloud::aws {

// The policy documents as JSON text (keys sorted, two-space indent), exposed for tests.
// "" when the role gets no statement.
std::string ControlPlanePolicy(const ModelContext& m);
std::string NodePolicy(const ModelContext& m);

// The inline policies, and the role and instance profile "bastions.<cluster>" when an
// instance group has role Bastion (bastions get no inline policy).
Status BuildIamPolicies(const ModelContext& m, engine::Graph& graph);

// True when some instance group has role Bastion.
bool HasBastions(const ModelContext& m);

}  // namespace kops::cloud::aws
