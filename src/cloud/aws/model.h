// The AWS model: every resource kops creates for a cluster, as engine tasks, and the
// Terraform-only parts (providers, settings, outputs) for a TerraformTarget.
//
// Built so far (checked block by block against kops' minimal-1.32 golden): VPC, DHCP
// options + association, internet gateway, public route table, routes and
// associations, public subnets, etcd EBS volumes, SSH key pair, IAM roles and instance
// profiles, the aws providers, the terraform block and the network outputs.
// Missing: see the report in the commit log / README of this folder.
#pragma once

#include "cloud/aws/model_context.h"
#include "terraform/terraform_target.h"

namespace kops::cloud::aws {

// Adds every task of the model to `graph`. FailedPrecondition for spec features the
// model does not support yet (private topology, shared VPCs...).
Status BuildModel(const ModelInput& input, engine::Graph& graph);

// Providers ("aws" and the "aws.files" alias, both in the cluster's region), the
// terraform block and the outputs kops writes for what BuildModel built.
void AddTerraformExtras(const ModelInput& input, terraform::TerraformTarget& target);

}  // namespace kops::cloud::aws
