// `kops toolbox ha-report NAME [-o table|json|yaml]`: what the loss of each zone and of each
// control-plane instance does to etcd quorum, the API and node capacity, from the spec in
// the state store alone (ops/ha_report.h), for any cloud. Exits 0 whatever it finds: it is
// a report; non-zero only when it cannot make one (bad flag, cluster not found).
#include <memory>

#include "api/yaml_writer.h"
#include "cli/commands.h"
#include "cli/local_cloud_cli.h"
#include "ops/cluster_specs.h"
#include "ops/ha_report.h"
#include "ops/ha_report_render.h"
#include "store/clientset.h"

namespace kops::cli {

namespace {

struct HaReportFlags {
  std::string cluster;
  std::string output = "table";
};

Status HaReport(Context& ctx, const HaReportFlags& f) {
  if (f.output != "table" && f.output != "json" && f.output != "yaml")
    return InvalidArgument("--output \"" + f.output + "\": accepted: table, json, yaml");
  ASSIGN_OR_RETURN(std::string name, ctx.ClusterName(f.cluster));
  ASSIGN_OR_RETURN(auto clientset, ctx.OpenClientset());
  ASSIGN_OR_RETURN(ops::ClusterSpecs specs, ops::LoadClusterSpecs(*clientset, name));
  ops::HaReport report = ops::AnalyzeHa(specs.cluster, specs.groups);
  if (f.output == "table") {
    ops::RenderHaReportTable(report, ctx.Out());
  } else if (f.output == "json") {
    ctx.Out() << ops::HaReportToJson(report).dump(2) << "\n";
  } else {
    ctx.Out() << api::ToYamlText(ops::HaReportToJson(report));
  }
  return Status::Ok();
}

}  // namespace

void RegisterToolboxHaReport(CLI::App& app, Context& ctx) {
  CLI::App* toolbox = ToolboxCommand(app);
  auto f = std::make_shared<HaReportFlags>();
  auto* cmd = toolbox->add_subcommand(
      "ha-report", "What losing each zone or control-plane instance does to etcd quorum, the API and node capacity");
  cmd->add_option("cluster", f->cluster, "Cluster name");
  cmd->add_option("-o,--output", f->output, "Output format: table, json or yaml");
  cmd->callback([&ctx, f] { ctx.action = [&ctx, f] { return HaReport(ctx, *f); }; });
}

}  // namespace kops::cli
