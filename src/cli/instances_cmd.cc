// `kops get instances NAME [-o table|json]`: the cluster's live instances in the local
// cloud (running or terminating). JSON: a list of objects with exactly the keys id, group,
// role, zone, address, state.
#include <memory>

#include "cli/output_format.h"
#include "cli/local_cloud_cli.h"
#include "cli/table.h"
#include "cloud/local/state_json.h"

namespace kops::cli {

namespace {

struct InstancesOptions {
  std::string cluster;
  std::string output = "table";
};

Status GetInstances(Context& ctx, const InstancesOptions& o) {
  RETURN_IF_ERROR(CheckOutputFlag(o.output, {"table", "json"}));
  ASSIGN_OR_RETURN(auto ref, LocalClusterRef(ctx, o.cluster));
  ASSIGN_OR_RETURN(auto instances, LocalClient().DescribeInstances(ref));
  cloud::local::Json list = cloud::local::Json::array();
  Table table({"ID", "GROUP", "ROLE", "ZONE", "ADDRESS", "STATE"});
  for (const auto& i : instances) {
    if (!i.instance.Live()) continue;
    std::string state = cloud::local::InstanceStateName(i.instance.state);
    list.push_back({{"id", i.instance.id},
                    {"group", i.group},
                    {"role", i.role},
                    {"zone", i.instance.zone},
                    {"address", i.instance.address},
                    {"state", state}});
    table.AddRow({i.instance.id, i.group, i.role, i.instance.zone, i.instance.address, state});
  }
  if (o.output == "json") {
    ctx.Out() << list.dump(2) << "\n";
  } else {
    table.Print(ctx.Out());
  }
  return Status::Ok();
}

}  // namespace

void RegisterGetInstances(CLI::App& get, Context& ctx) {
  auto o = std::make_shared<InstancesOptions>();
  auto* cmd = get.add_subcommand("instances", "Get the instances of a cluster")->alias("instance");
  cmd->add_option("cluster", o->cluster, "Cluster name");
  cmd->add_option("-o,--output", o->output, "Output format: table or json");
  cmd->callback([&ctx, o] { ctx.action = [&ctx, o] { return GetInstances(ctx, *o); }; });
}

}  // namespace kops::cli
