// `kops update cluster [NAME] [--yes] [--target direct|terraform] [--out DIR]
// [--lifecycle-overrides ...]`: flags into cloud::aws::UpdateClusterOptions, then
// cloud::aws::UpdateCluster (the dry run, Terraform output, or the direct apply).
#include <memory>

#include "awsapi/credentials.h"
#include "cli/commands.h"
#include "cloud/aws/update_cluster.h"
#include "cloud/local/update.h"
#include "store/clientset.h"

namespace kops::cli {
namespace {

struct UpdateOptions {
  std::string name;
  bool yes = false;
  std::string target = "direct";
  std::string out_dir;
  std::vector<std::string> lifecycle_overrides;
  bool create_kube_config = false;
  bool admin = false;
};

Status RunUpdate(Context& ctx, const UpdateOptions& opt) {
  ASSIGN_OR_RETURN(std::string name, ctx.ClusterName(opt.name));
  ASSIGN_OR_RETURN(auto cs, ctx.OpenClientset());
  // cloudProvider local: the embedded local cloud (cloud/local/update.h). The cluster is
  // read once here and handed to whichever cloud updates it.
  ASSIGN_OR_RETURN(auto cluster, cs->GetCluster(name));
  if (cluster.object.spec.cloud_provider == "local") {
    if (opt.target != "direct") {
      return InvalidArgument("--target " + opt.target + ": the local cloud supports only direct");
    }
    ASSIGN_OR_RETURN(std::string store, ctx.StateStore());
    cloud::local::UpdateLocalOptions local{.cluster_name = name,
                                           .yes = opt.yes,
                                           .clientset = cs.get(),
                                           .cluster = &cluster.object,
                                           .store_url = store,
                                           .out = &ctx.Out()};
    return cloud::local::UpdateLocalCluster(local, ctx.Err());
  }
  cloud::aws::UpdateClusterOptions options{.cluster_name = name,
                                           .target = opt.target,
                                           .yes = opt.yes,
                                           .out_dir = opt.out_dir,
                                           .lifecycle_overrides = opt.lifecycle_overrides,
                                           .cluster = &cluster.object};
  return cloud::aws::UpdateCluster(options, *cs, awsapi::ProcessEnv(), ctx.Out(), ctx.Err());
}

}  // namespace

void RegisterUpdateCluster(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<UpdateOptions>();
  auto* update = app.add_subcommand("update", "Update a cluster's cloud resources");
  auto* cluster = update->add_subcommand("cluster", "Create or update the cloud resources of a cluster");
  cluster->add_option("name", opt->name, "Cluster name");
  cluster->add_flag("-y,--yes", opt->yes, "Create cloud resources, without confirmation");
  cluster->add_option("--target", opt->target, "Target: direct (default) or terraform");
  cluster->add_option("--out", opt->out_dir, "Where to write the terraform output");
  cluster->add_option("--lifecycle-overrides", opt->lifecycle_overrides,
                      "Task lifecycles, TaskName=Lifecycle (Sync, Ignore, WarnIfInsufficientAccess, "
                      "ExistsAndValidates, ExistsAndWarnIfChanges), e.g. SecurityGroup=Ignore")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cluster->add_flag("--create-kube-config", opt->create_kube_config, "Accepted for kops compatibility");
  cluster->add_flag("--admin", opt->admin, "Accepted for kops compatibility");
  update->require_subcommand(1);
  cluster->callback([&ctx, opt] { ctx.action = [&ctx, opt] { return RunUpdate(ctx, *opt); }; });
}

}  // namespace kops::cli
