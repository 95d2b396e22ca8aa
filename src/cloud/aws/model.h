// The AWS model: every resource kops creates for a cluster, as engine tasks, and the
// Terraform-only parts (providers, settings, outputs) for a TerraformTarget.
//
// Checked block by block against kops' update_cluster goldens (minimal-1.32, ha,
// privatecalico, complex: tests/update check_terraform_goldens). Not built yet: classic
// load balancers, mixed instances policies, warm pools, spot and Karpenter groups,
// IRSA/OIDC providers, shared-VPC variants beyond those the goldens use.
#pragma once

#include "cloud/aws/model_context.h"
#include "terraform/terraform_target.h"

namespace kops::cloud::aws {

// Adds every task of the model to `graph`. FailedPrecondition for spec features the
// model does not support yet (private topology, shared VPCs...).
Status BuildModel(const ModelInput& input, engine::Graph& graph);

// Providers ("aws" and the "aws.files" alias, both in the cluster's region, with
// spec.target.terraform.providerExtraConfig / filesProviderExtraConfig), the
// terraform block and the outputs kops writes for what BuildModel built.
void AddTerraformExtras(const ModelInput& input, terraform::TerraformTarget& target);

}  // namespace kops::cloud::aws
