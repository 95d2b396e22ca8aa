// `kops rolling-update cluster [NAME] [--yes]`: without --yes, the table of instance
// groups and of the instances that need updating and why; with --yes, the roll
// (ops/rolling_update.h) on the local cloud or AWS, progress on stderr.
#include <memory>
#include <optional>

#include "base/http.h"
#include "cli/commands.h"
#include "cli/aws_cluster_clients.h"
#include "cli/local_cloud_cli.h"
#include "cli/opened_cluster.h"
#include "ops/cluster_specs.h"
#include "ops/aws_rolling_update_cloud.h"
#include "ops/duration.h"
#include "ops/local_rolling_update_cloud.h"
#include "ops/rolling_update.h"
#include "store/clientset.h"

namespace kops::cli {

namespace {

struct RollingUpdateFlags {
  std::string cluster;
  bool yes = false;
  ops::RollingUpdateOptions options;
  std::string validation_timeout = "15m", control_plane_interval = "15s", master_interval,
              node_interval = "15s", bastion_interval = "15s", drain_timeout = "15m", post_drain_delay = "5s",
              validate_tick = "30s", validate_success = "10s";
};

Status ParseDurationFlag(const std::string& flag, const std::string& text, Clock::Duration& out) {
  Result<std::chrono::milliseconds> d = ops::ParseGoDuration(text);
  if (!d.ok()) return InvalidArgument("--" + flag + " \"" + text + "\": " + d.status().message());
  out = *d;
  return Status::Ok();
}

Status RollingUpdate(Context& ctx, RollingUpdateFlags f) {
  ops::RollingUpdateOptions& o = f.options;
  if (!f.master_interval.empty()) {
    ctx.Err() << "Flag --master-interval has been deprecated, use --control-plane-interval instead\n";
    f.control_plane_interval = f.master_interval;
  }
  RETURN_IF_ERROR(ParseDurationFlag("validation-timeout", f.validation_timeout, o.validation_timeout));
  RETURN_IF_ERROR(ParseDurationFlag("control-plane-interval", f.control_plane_interval, o.control_plane_interval));
  RETURN_IF_ERROR(ParseDurationFlag("node-interval", f.node_interval, o.node_interval));
  RETURN_IF_ERROR(ParseDurationFlag("bastion-interval", f.bastion_interval, o.bastion_interval));
  RETURN_IF_ERROR(ParseDurationFlag("drain-timeout", f.drain_timeout, o.drain_timeout));
  RETURN_IF_ERROR(ParseDurationFlag("post-drain-delay", f.post_drain_delay, o.post_drain_delay));
  RETURN_IF_ERROR(ParseDurationFlag("validate-tick-duration", f.validate_tick, o.validate_tick));
  RETURN_IF_ERROR(ParseDurationFlag("validate-success-duration", f.validate_success, o.validate_success_interval));
  if (o.validate_count < 0) {
    return InvalidArgument("--validate-count " + std::to_string(o.validate_count) + ": must be 0 or more");
  }
  ASSIGN_OR_RETURN(auto opened, OpenCluster(ctx, f.cluster));
  const ops::ClusterSpecs& specs = opened->specs;
  const std::string& provider = specs.cluster.spec.cloud_provider;
  std::unique_ptr<ops::RollingUpdateCloud> rolling_cloud;
  std::optional<cloud::local::LocalCloudClient> local_client;
  AwsClusterClients aws;
  if (provider == "local") {
    local_client.emplace(LocalClient());
    rolling_cloud = std::make_unique<ops::LocalRollingUpdateCloud>(specs, *local_client, opened->ref, *opened->http,
                                                                   *opened->keystore, RealClock::Instance());
  } else if (provider == "aws") {
    ASSIGN_OR_RETURN(aws, OpenAwsClusterClients(*opened, !o.cloud_only));
    if (aws.kube) ctx.Err() << "Using the Kubernetes API at " << aws.kube_source << ".\n";
    rolling_cloud = std::make_unique<ops::AwsRollingUpdateCloud>(specs, aws.view(), RealClock::Instance());
  } else {
    return FailedPrecondition("rolling-update cluster: cloud \"" + provider +
                              "\" is not supported (local and aws are)");
  }
  ops::RollingUpdateCloud& cloud = *rolling_cloud;

  ASSIGN_OR_RETURN(std::vector<ops::RollGroup> groups, cloud.Groups());
  ASSIGN_OR_RETURN(std::vector<ops::RollGroup> selected, ops::SelectGroups(groups, o));
  ops::RenderRollingUpdateTable(selected, o, ctx.Out());
  if (!ops::AnythingToRoll(ops::PlanRollingUpdate(selected, o))) {
    ctx.Out() << "\nNo rolling-update required.\n";
    return Status::Ok();
  }
  if (!f.yes) {
    ctx.Out() << "\nMust specify --yes to rolling-update.\n";
    return Status::Ok();
  }
  return ops::RunRollingUpdate(cloud, o, RealClock::Instance(), ctx.Err());
}

}  // namespace

void RegisterRollingUpdate(CLI::App& app, Context& ctx) {
  CLI::App* rolling = SubcommandOf(app, "rolling-update", "Rolling update a cluster");
  auto f = std::make_shared<RollingUpdateFlags>();
  auto* cmd = rolling->add_subcommand("cluster", "Rolling update a cluster");
  cmd->add_option("cluster", f->cluster, "Cluster name");
  cmd->add_flag("-y,--yes", f->yes, "Perform rolling update immediately; without --yes rolling-update executes a dry-run");
  cmd->add_flag("--force", f->options.force, "Force rolling update, even if no changes");
  cmd->add_flag("--cloudonly", f->options.cloud_only,
                "Perform rolling update without confirming progress with Kubernetes");
  cmd->add_option("--instance-group", f->options.instance_groups,
                  "Instance groups to update (defaults to all if not specified)")
      ->delimiter(',');
  cmd->add_option("--instance-group-roles", f->options.roles,
                  "Instance group roles to update (control-plane,apiserver,node,bastion)")
      ->delimiter(',');
  cmd->add_flag("--fail-on-validate-error", f->options.fail_on_validate_error,
                "Fail if the cluster fails to validate (default true; --fail-on-validate-error=false)");
  cmd->add_flag("--fail-on-drain-error", f->options.fail_on_drain_error,
                "Fail if draining a node fails (default true; --fail-on-drain-error=false)");
  cmd->add_option("--validation-timeout", f->validation_timeout,
                  "Maximum time to wait for a cluster to validate (default 15m0s)");
  cmd->add_option("--validate-count", f->options.validate_count,
                  "Number of times that a cluster needs to be validated after single node update (default 2)");
  cmd->add_option("--control-plane-interval", f->control_plane_interval,
                  "Time to wait between restarting control plane nodes (default 15s)");
  cmd->add_option("--master-interval", f->master_interval, "Deprecated: use --control-plane-interval")
      ->group("");
  cmd->add_option("--node-interval", f->node_interval, "Time to wait between restarting worker nodes (default 15s)");
  cmd->add_option("--bastion-interval", f->bastion_interval, "Time to wait between restarting bastions (default 15s)");
  cmd->add_option("--drain-timeout", f->drain_timeout, "Maximum time to wait for a node to drain (default 15m0s)");
  cmd->add_option("--post-drain-delay", f->post_drain_delay,
                  "Time to wait after draining each node (default 5s)");
  cmd->add_option("--validate-tick-duration", f->validate_tick,
                  "Time between validation attempts after a failure (kops: 30s)")
      ->group("");
  cmd->add_option("--validate-success-duration", f->validate_success,
                  "Time between consecutive successful validations (kops: 10s)")
      ->group("");
  cmd->callback([&ctx, f] { ctx.action = [&ctx, f] { return RollingUpdate(ctx, *f); }; });
}

}  // namespace kops::cli
