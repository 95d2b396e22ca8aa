// `kops update cluster` for AWS clusters: loads the cluster and its instance groups from
// the state store, completes (api::ApplyDefaults) and validates them (strict), builds
// the AWS model and runs it against a target:
//   dry run (default, no --yes): prints "Will create resources:" ... to `out`; offline
//     everything is a create;
//   terraform (--target terraform): writes <out_dir>/kubernetes.tf and data/; with a
//     file:// or memfs:// store the state files are written to the store directly
//     (those already holding their content are left alone),
//     with s3:// they are aws_s3_object resources;
//   direct with --yes: not implemented yet (FailedPrecondition).
// --lifecycle-overrides are parsed first (a bad one fails before anything is read) and
// applied as kops applies them (lifecycle.h); an override naming no task kind of the
// model is warned about on `err`.
// With AWS credentials in the environment the account, partition, hosted zone and
// AMIs are looked up (cloud_lookup.h); without, they become Terraform data sources.
// Progress lines go to `err`.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "awsapi/credentials.h"
#include "base/status.h"
#include "store/clientset.h"

namespace kops::cloud::aws {

struct UpdateClusterOptions {
  std::string cluster_name;
  std::string target = "direct";  // "direct" or "terraform"
  bool yes = false;
  std::string out_dir;  // terraform only; default "out/terraform"
  // --lifecycle-overrides values, "TaskName=Lifecycle[,...]" (lifecycle.h); applied to
  // the dry run and the Terraform output.
  std::vector<std::string> lifecycle_overrides;
  // The cluster as the caller already read it from the store (not owned); null: read it.
  const api::Cluster* cluster = nullptr;
};

Status UpdateCluster(const UpdateClusterOptions& options, store::Clientset& clientset,
                     const awsapi::EnvFn& env, std::ostream& out, std::ostream& err);

}  // namespace kops::cloud::aws
