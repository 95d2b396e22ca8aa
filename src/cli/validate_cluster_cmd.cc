// `kops validate cluster [NAME] [--wait 3m] [--count N] [-o table|json|yaml]`: validates
// a local-cloud or AWS cluster (ops/validation.h) and exits non-zero when it is not healthy,
// with the reasons. Progress of --wait goes to stderr.
#include <functional>
#include <memory>
#include <optional>

#include "api/yaml_writer.h"
#include "base/http.h"
#include "cli/aws_cluster_clients.h"
#include "cli/output_format.h"
#include "cli/commands.h"
#include "cli/local_cloud_cli.h"
#include "cli/opened_cluster.h"
#include "ops/cluster_specs.h"
#include "ops/duration.h"
#include "ops/local_validation_source.h"
#include "ops/validate_wait.h"
#include "ops/validation_render.h"
#include "store/clientset.h"

namespace kops::cli {

namespace {

struct ValidateOptions {
  std::string cluster;
  std::string wait = "0";
  int count = 1;
  std::string output = "table";
};

Status Validate(Context& ctx, const ValidateOptions& o) {
  RETURN_IF_ERROR(CheckOutputFlag(o.output, {"table", "json", "yaml"}));
  ASSIGN_OR_RETURN(auto wait, ops::ParseGoDuration(o.wait));
  ASSIGN_OR_RETURN(auto opened, OpenCluster(ctx, o.cluster));
  const std::string& cloud_provider = opened->specs.cluster.spec.cloud_provider;
  const cloud::local::ClusterRef& ref = opened->ref;
  std::function<Result<ops::ValidationInput>()> observe;
  std::optional<cloud::local::LocalCloudClient> local_client;
  AwsClusterClients aws;
  if (cloud_provider == "local") {
    local_client.emplace(LocalClient());
    observe = [&] { return ObserveLocalCluster(*opened, *local_client); };
  } else if (cloud_provider == "aws") {
    ASSIGN_OR_RETURN(aws, OpenAwsClusterClients(*opened, /*want_kube=*/true));
    observe = [&] {
      ops::AwsValidationSource source(opened->specs, aws.view(), RealClock::Instance());
      return ops::CollectValidationInput(ref.cluster, source);
    };
  } else {
    return FailedPrecondition("validate cluster: cloud \"" + cloud_provider + "\" is not supported (local and aws are)");
  }
  ops::WaitOptions w{.wait = wait, .count = o.count};
  ops::ValidateRun run = ops::ValidateWithWait(observe, {}, w, RealClock::Instance(), ctx.Err());
  if (!run.last) return Unavailable("validation could not observe the cluster: " + run.error.message());
  const ops::ClusterValidation& v = *run.last;
  if (o.output == "table") {
    ctx.Out() << "Validating cluster " << ref.cluster << "\n\n";
    ops::RenderValidationTable(v, ctx.Out());
  } else if (o.output == "json") {
    ctx.Out() << ops::ValidationToJson(v).dump(2) << "\n";
  } else {
    ctx.Out() << api::ToYamlText(ops::ValidationToJson(v));
  }
  if (v.healthy()) return Status::Ok();
  std::string reasons;
  for (const auto& f : v.failures) reasons += "\n  " + f.kind + " " + f.name + ": " + f.message;
  return Unavailable(std::string(run.timed_out ? "wait time exceeded during validation: " : "validation failed: ") +
                     "cluster not yet healthy" + reasons);
}

}  // namespace

void RegisterValidateCluster(CLI::App& app, Context& ctx) {
  CLI::App* validate = SubcommandOf(app, "validate", "Validate a kOps cluster");
  auto o = std::make_shared<ValidateOptions>();
  auto* cmd = validate->add_subcommand("cluster", "Validate a kOps cluster");
  cmd->add_option("cluster", o->cluster, "Cluster name");
  cmd->add_option("--wait", o->wait, "Amount of time to wait for the cluster to become ready (e.g. 3m)");
  cmd->add_option("--count", o->count, "Number of consecutive successful validations required");
  cmd->add_option("-o,--output", o->output, "Output format: table, json or yaml");
  cmd->callback([&ctx, o] { ctx.action = [&ctx, o] { return Validate(ctx, *o); }; });
}

}  // namespace kops::cli
