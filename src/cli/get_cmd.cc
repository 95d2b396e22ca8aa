// `kops get clusters|instancegroups|all [-o table|yaml|json]`.
#include <memory>

#include "base/strings.h"
#include "cli/commands.h"
#include "cli/output_format.h"
#include "cli/spec_view.h"
#include "cli/table.h"
#include "store/clientset.h"

namespace kops::cli {
namespace {

struct GetOptions {
  std::string output = "table";
  std::vector<std::string> args;
};

void PrintClusterTable(const std::vector<api::Cluster>& clusters, std::ostream& out) {
  Table t({"NAME", "CLOUD", "ZONES"});
  for (const auto& c : clusters) t.AddRow({c.name(), c.spec.cloud_provider, Join(ClusterZones(c), ",")});
  t.Print(out);
}

void PrintGroupTable(const std::vector<api::InstanceGroup>& groups, const api::Cluster& cluster,
                     std::ostream& out) {
  Table t({"NAME", "ROLE", "MACHINETYPE", "MIN", "MAX", "ZONES"});
  for (const auto& ig : groups) {
    t.AddRow({ig.name(), DisplayRole(ig.spec.role), ig.spec.machine_type,
              ig.spec.min_size ? std::to_string(*ig.spec.min_size) : "",
              ig.spec.max_size ? std::to_string(*ig.spec.max_size) : "",
              Join(GroupZones(ig, &cluster), ",")});
  }
  t.Print(out);
}

Status GetClusters(Context& ctx, const GetOptions& opt) {
  ASSIGN_OR_RETURN(OutputFormat format, ParseOutputFormat(opt.output));
  ASSIGN_OR_RETURN(auto cs, ctx.OpenClientset());
  std::vector<std::string> names = opt.args;
  if (names.empty() && !ctx.global.cluster_name.empty()) names.push_back(ctx.global.cluster_name);
  if (names.empty()) {
    ASSIGN_OR_RETURN(names, cs->ListClusterNames());
    if (names.empty()) {
      ASSIGN_OR_RETURN(std::string url, ctx.StateStore());
      return NotFound("no clusters found in state store " + url);
    }
  }
  std::vector<api::Cluster> clusters;
  for (const auto& n : names) {
    ASSIGN_OR_RETURN(auto c, cs->GetCluster(n));
    clusters.push_back(std::move(c.object));
  }
  if (format == OutputFormat::kTable) {
    PrintClusterTable(clusters, ctx.Out());
  } else {
    std::vector<api::Object> objects(clusters.begin(), clusters.end());
    ctx.Out() << RenderObjects(objects, format);
  }
  return Status::Ok();
}

Status GetGroups(Context& ctx, const GetOptions& opt, bool with_cluster) {
  ASSIGN_OR_RETURN(OutputFormat format, ParseOutputFormat(opt.output));
  std::string positional = with_cluster && !opt.args.empty() ? opt.args[0] : "";
  ASSIGN_OR_RETURN(std::string name, ctx.ClusterName(positional));
  ASSIGN_OR_RETURN(auto cs, ctx.OpenClientset());
  ASSIGN_OR_RETURN(auto cluster, cs->GetCluster(name));
  ASSIGN_OR_RETURN(auto versioned, cs->ListInstanceGroups(name));
  std::vector<api::InstanceGroup> groups;
  for (auto& v : versioned) {
    bool wanted = with_cluster || opt.args.empty();
    for (const auto& a : opt.args) wanted = wanted || a == v.object.name();
    if (wanted) groups.push_back(std::move(v.object));
  }
  if (!with_cluster)
    for (const auto& a : opt.args) {
      bool found = false;
      for (const auto& g : groups) found = found || g.name() == a;
      if (!found) return NotFound("instance group \"" + a + "\" not found in cluster \"" + name + "\"");
    }
  if (format == OutputFormat::kTable) {
    if (with_cluster) {
      ctx.Out() << "Cluster\n";
      PrintClusterTable({cluster.object}, ctx.Out());
      ctx.Out() << "\nInstance Groups\n";
    }
    PrintGroupTable(groups, cluster.object, ctx.Out());
    return Status::Ok();
  }
  std::vector<api::Object> objects;
  if (with_cluster) objects.emplace_back(cluster.object);
  for (auto& g : groups) objects.emplace_back(std::move(g));
  if (format == OutputFormat::kJson && with_cluster)
    ctx.Out() << api::ObjectsToJson(objects, true);
  else
    ctx.Out() << RenderObjects(objects, format);
  return Status::Ok();
}

}  // namespace

void RegisterGet(CLI::App& app, Context& ctx) {
  auto* get = app.add_subcommand("get", "Get one or many resources");
  get->require_subcommand(1);
  auto opt = std::make_shared<GetOptions>();
  get->add_option("-o,--output", opt->output, "Output format: table, yaml or json");

  auto* clusters = get->add_subcommand("clusters", "Get clusters")->alias("cluster");
  clusters->add_option("name", opt->args, "Cluster names");
  clusters->add_option("-o,--output", opt->output, "Output format: table, yaml or json");
  clusters->callback([&ctx, opt] { ctx.action = [&ctx, opt] { return GetClusters(ctx, *opt); }; });

  auto* igs = get->add_subcommand("instancegroups", "Get instance groups")->alias("instancegroup")->alias("ig");
  igs->add_option("name", opt->args, "Instance group names");
  igs->add_option("-o,--output", opt->output, "Output format: table, yaml or json");
  igs->callback([&ctx, opt] { ctx.action = [&ctx, opt] { return GetGroups(ctx, *opt, false); }; });

  auto* all = get->add_subcommand("all", "Get the cluster and all its instance groups");
  all->add_option("cluster", opt->args, "Cluster name");
  all->add_option("-o,--output", opt->output, "Output format: table, yaml or json");
  all->callback([&ctx, opt] { ctx.action = [&ctx, opt] { return GetGroups(ctx, *opt, true); }; });
}

}  // namespace kops::cli
