#include "cloud/aws/update_cluster.h"

#include "api/defaults.h"
#include "api/validation.h"
#include "base/clock.h"
#include "base/http.h"
#include "cloud/aws/cloud_lookup.h"
#include "cloud/aws/lifecycle.h"
#include "cloud/aws/model.h"
#include "cloud/aws/state_objects.h"
#include "engine/dry_run_target.h"
#include "engine/run_graph.h"
#include "store/cluster_keysets.h"
#include "store/keystore.h"
#include "store/s3_vfs.h"
#include "terraform/terraform_target.h"

namespace kops::cloud::aws {

namespace {

Result<ModelInput> LoadInput(const std::string& name, const api::Cluster* read,
                             store::Clientset& cs) {
  ModelInput input;
  if (read != nullptr) {
    input.cluster = *read;
  } else {
    ASSIGN_OR_RETURN(auto cluster, cs.GetCluster(name));
    input.cluster = std::move(cluster.object);
  }
  if (input.cluster.spec.config_base.empty()) input.cluster.spec.config_base = cs.ConfigBaseFor(name);
  ASSIGN_OR_RETURN(auto groups, cs.ListInstanceGroups(name));
  api::ApplyDefaults(input.cluster);
  for (auto& g : groups) {
    api::ApplyDefaults(g.object, input.cluster);
    input.instance_groups.push_back(std::move(g.object));
  }
  RETURN_IF_ERROR(api::ValidateAll(input.cluster, input.instance_groups, /*strict=*/true)
                      .WithContext("cluster \"" + name + "\" is not valid"));
  store::Keystore keystore(cs.vfs(), name);
  ASSIGN_OR_RETURN(auto keys, keystore.ListSSHPublicKeys());
  // as the key file was given: one authorized_keys line with its newline
  if (!keys.empty()) input.ssh_public_key = pki::ToAuthorizedKeyLine(keys.front()) + "\n";
  return input;
}

Result<StateStoreLocation> LocationOf(const std::string& url, const std::string& cluster) {
  StateStoreLocation loc;
  loc.scheme = url.substr(0, url.find("://"));
  if (loc.scheme != "s3") return loc;
  ASSIGN_OR_RETURN(auto s3, store::ParseS3Url(url));
  loc.bucket = s3.bucket;
  loc.cluster_path = s3.prefix.empty() ? cluster : s3.prefix + "/" + cluster;
  return loc;
}

// The keystore's CAs and keypairs, created when missing (kops writes them to the state
// store whatever the target: instances and operators read them from there).
Status EnsureKeysets(const api::Cluster& cluster, store::Clientset& cs, std::ostream& err) {
  store::Keystore keystore(cs.vfs(), cluster.name());
  int created = 0;
  for (const std::string& name : store::AwsClusterKeysets(cluster)) {
    if (keystore.FindKeyset(name).ok()) continue;
    ASSIGN_OR_RETURN(store::Keyset unused, keystore.EnsureCA(name));
    (void)unused;
    ++created;
  }
  if (created > 0) err << "Created " << created << " keyset(s) in the keystore " << cs.vfs().Url() << "\n";
  return Status::Ok();
}

Status WriteStateFiles(const ModelInput& input, store::Clientset& cs, std::ostream& err) {
  ModelContext m(input);
  auto files = StateFiles(m);
  size_t written = 0;
  for (const auto& f : files) {
    // an object already holding this content is left alone: a re-run writes (and
    // syncs) only what changed
    std::string path = input.cluster.name() + "/" + f.path;
    auto existing = cs.vfs().Read(path);
    if (existing.ok() && existing->data == f.content) continue;
    RETURN_IF_ERROR(cs.vfs().Write(path, f.content).status());
    ++written;
  }
  err << "Wrote " << written << " of " << files.size() << " state files to " << cs.vfs().Url()
      << " (the others were up to date)\n";
  return Status::Ok();
}

}  // namespace

Status UpdateCluster(const UpdateClusterOptions& options, store::Clientset& cs,
                     const awsapi::EnvFn& env, std::ostream& out, std::ostream& err) {
  if (options.target != "direct" && options.target != "terraform") {
    return InvalidArgument("--target " + options.target + ": accepted targets are direct and terraform");
  }
  if (options.target == "direct" && options.yes) {
    return FailedPrecondition(
        "applying changes directly to AWS is not implemented yet; use --target terraform");
  }
  ASSIGN_OR_RETURN(LifecycleOverrides overrides, ParseLifecycleOverrides(options.lifecycle_overrides));
  ASSIGN_OR_RETURN(ModelInput input, LoadInput(options.cluster_name, options.cluster, cs));
  if (input.cluster.spec.cloud_provider != "aws") {
    return FailedPrecondition("cluster \"" + options.cluster_name + "\" uses cloud provider \"" +
                              input.cluster.spec.cloud_provider + "\"; this update supports aws");
  }
  ASSIGN_OR_RETURN(input.state_store, LocationOf(cs.vfs().Url(), options.cluster_name));
  if (HaveAwsCredentials(env)) {
    err << "Looking up the AWS account, hosted zone and images\n";
    auto http = NewCurlHttpClient();
    ASSIGN_OR_RETURN(input.facts, LookupCloudFacts(input, env, *http));
  } else {
    err << "No AWS credentials: rendering offline (cloud look-ups become Terraform data sources)\n";
  }
  engine::Graph graph;
  RETURN_IF_ERROR(BuildModel(input, graph));
  for (const auto& kind : UnknownTaskKinds(overrides, graph)) {
    err << "W --lifecycle-overrides: the model has no task of kind " << kind << "\n";
  }
  engine::RunGraphOptions run{.offline = true, .executor = {}};
  if (options.target == "terraform") {
    std::string dir = options.out_dir.empty() ? "out/terraform" : options.out_dir;
    terraform::TerraformTarget tf(dir);
    AddTerraformExtras(input, tf);
    LifecycleTarget target(tf, overrides, err, &tf);
    RETURN_IF_ERROR(engine::RunGraph(graph, target, RealClock::Instance(), run));
    if (!input.state_store.is_s3()) RETURN_IF_ERROR(WriteStateFiles(input, cs, err));
    RETURN_IF_ERROR(EnsureKeysets(input.cluster, cs, err));
    err << "Terraform output is in " << dir << "\n";
    return Status::Ok();
  }
  engine::DryRunTarget dry_run(&out);
  LifecycleTarget target(dry_run, overrides, err);
  RETURN_IF_ERROR(engine::RunGraph(graph, target, RealClock::Instance(), run));
  err << "Must specify --yes to apply changes\n";
  return Status::Ok();
}

}  // namespace kops::cloud::aws
