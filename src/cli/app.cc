#include "cli/app.h"

#include <CLI/CLI.hpp>

#include "cli/command.h"
#include "cli/commands.h"

namespace kops::cli {

int Run(int argc, char** argv) {
  Context ctx;
  CLI::App app{"kops is Kubernetes Operations: create, operate and delete highly available clusters."};
  app.name("kops");
  app.require_subcommand(1);
  app.fallthrough();
  app.option_defaults()->always_capture_default(false);
  app.add_option("--state", ctx.global.state,
                 "Location of state storage (file:///dir, s3://bucket, memfs://name); default $KOPS_STATE_STORE");
  app.add_option("--name", ctx.global.cluster_name, "Name of cluster; default $KOPS_CLUSTER_NAME");
  app.add_option("-v,--v", ctx.global.verbosity, "Log level (0: quiet)");

  auto* create = app.add_subcommand("create", "Create a resource: cluster, instancegroup, sshpublickey, or from -f");
  RegisterCreate(*create, ctx);
  RegisterCreateCluster(*create, ctx);
  RegisterGet(app, ctx);
  RegisterReplace(app, ctx);
  RegisterEdit(app, ctx);
  RegisterDelete(app, ctx);
  RegisterVersion(app, ctx);
  RegisterCompletion(app, ctx);
  RegisterUpdateCluster(app, ctx);
  RegisterToolboxInstance(app, ctx);
  RegisterLocalCloud(app, ctx);
  RegisterValidateCluster(app, ctx);
  RegisterRollingUpdate(app, ctx);
  RegisterExportKubeconfig(app, ctx);
  RegisterToolboxProbe(app, ctx);
  RegisterToolboxHaReport(app, ctx);
  RegisterScale(app, ctx);
  RegisterEtcd(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (!ctx.action) {
    ctx.Err() << app.help();
    return 1;
  }
  Status st = ctx.action();
  if (!st.ok()) {
    ctx.Err() << "Error: " << st.message() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace kops::cli
