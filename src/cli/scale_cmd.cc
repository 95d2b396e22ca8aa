// `kops scale control-plane NAME --zones a,b,c [--count N] [--yes]`: grows or shrinks the
// control plane (ops/scale_control_plane.h). Without --yes it prints the plan on stdout;
// with --yes it applies it, progress on stderr.
#include <memory>

#include "cli/commands.h"
#include "cli/local_cloud_cli.h"
#include "ops/scale_control_plane.h"
#include "store/clientset.h"

namespace kops::cli {

namespace {

struct ScaleOptions {
  std::string cluster;
  std::vector<std::string> zones;
  int count = 0;
  bool yes = false;
};

Status Scale(Context& ctx, const ScaleOptions& o) {
  ASSIGN_OR_RETURN(std::string name, ctx.ClusterName(o.cluster));
  ASSIGN_OR_RETURN(std::string store, ctx.StateStore());
  ASSIGN_OR_RETURN(auto clientset, ctx.OpenClientset());
  if (o.count < 0)
    return InvalidArgument("--count " + std::to_string(o.count) +
                           ": expected at least 1 control-plane node");
  ops::ScaleControlPlaneOptions options{.cluster_name = name,
                                        .zones = o.zones,
                                        .count = o.count,
                                        .yes = o.yes,
                                        .clientset = clientset.get(),
                                        .store_url = store,
                                        .out = &ctx.Out()};
  return ops::ScaleControlPlane(options, ctx.Err());
}

}  // namespace

void RegisterScale(CLI::App& app, Context& ctx) {
  CLI::App* scale = SubcommandOf(app, "scale", "Scale a resource");
  auto o = std::make_shared<ScaleOptions>();
  auto* cmd = scale->add_subcommand(
      "control-plane",
      "Grow or shrink the control plane: add or remove control-plane instance groups and "
      "their etcd members one at a time, without rolling the running instances");
  cmd->add_option("cluster", o->cluster, "Cluster name");
  cmd->add_option("--zones", o->zones, "Zones of the control planes (comma separated)")
      ->delimiter(',')
      ->required();
  cmd->add_option("--count", o->count,
                  "Number of control planes, placed over the zones as create cluster places "
                  "them (default: one per zone)");
  cmd->add_flag("--yes,-y", o->yes, "Apply the changes (without it, the plan is shown)");
  cmd->callback([&ctx, o] { ctx.action = [&ctx, o] { return Scale(ctx, *o); }; });
}

}  // namespace kops::cli
