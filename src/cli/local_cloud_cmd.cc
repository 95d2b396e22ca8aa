// `kops toolbox local-cloud status|stop` and the two programs the daemon runs as the kops
// binary: `toolbox local-cloud daemon --dir D` (cloud/local/daemon.h; started on demand by
// the client) and `toolbox local-cloud supervise -- PROGRAM ARGS…` (supervisor.h).
#include <unistd.h>

#include <cstdlib>
#include <memory>

#include "base/file_util.h"
#include "cli/commands.h"
#include "cli/local_cloud_cli.h"
#include "cloud/local/daemon.h"
#include "cloud/local/daemon_process.h"
#include "cloud/local/proc_tree.h"
#include "cloud/local/supervisor.h"

namespace kops::cli {

namespace local = kops::cloud::local;

CLI::App* SubcommandOf(CLI::App& parent, const std::string& name, const std::string& description) {
  auto found = parent.get_subcommands([&](CLI::App* a) { return a->get_name() == name; });
  if (!found.empty()) return found[0];
  auto* sub = parent.add_subcommand(name, description);
  sub->require_subcommand(1);
  return sub;
}

CLI::App* ToolboxCommand(CLI::App& app) {
  return SubcommandOf(app, "toolbox", "Miscellaneous, experimental or infrequently used commands");
}

Result<local::ClusterRef> LocalClusterRef(const Context& ctx, const std::string& positional) {
  ASSIGN_OR_RETURN(std::string store, ctx.StateStore());
  ASSIGN_OR_RETURN(std::string name, ctx.ClusterName(positional));
  return local::ClusterRef{store, name};
}

local::LocalCloudClient LocalClient(bool autostart) {
  local::ClientOptions o;
  o.autostart = autostart;
  return local::LocalCloudClient(o);
}

namespace {

struct DaemonFlags {
  std::string dir;
  double idle_exit_seconds = -1;  // < 0: $KOPS_LOCAL_CLOUD_IDLE_EXIT or 30
  std::string haproxy = "/usr/sbin/haproxy";
};

Status RunDaemonCommand(const DaemonFlags& f) {
  local::DaemonOptions o;
  o.state_dir = f.dir.empty() ? local::DefaultStateDirPath() : f.dir;
  double idle = f.idle_exit_seconds;
  if (idle < 0) {
    const char* env = std::getenv("KOPS_LOCAL_CLOUD_IDLE_EXIT");
    idle = env && *env ? std::atof(env) : 30;
  }
  o.idle_exit = std::chrono::milliseconds(static_cast<int64_t>(idle * 1000));
  o.core.haproxy_path = access(f.haproxy.c_str(), X_OK) == 0 ? f.haproxy : "";
  o.core.applier.supervisor_prefix = {SelfExecutablePath(), "toolbox", "local-cloud", "supervise", "--"};
  static local::TreeKillingProcessRunner runner;
  Status st = local::RunDaemon(o, runner, RealClock::Instance());
  if (st.code() == Code::kAlreadyExists) return Status::Ok();  // another daemon serves
  return st;
}

}  // namespace

void RegisterLocalCloud(CLI::App& app, Context& ctx) {
  CLI::App* toolbox = ToolboxCommand(app);
  CLI::App* local_cloud =
      SubcommandOf(*toolbox, "local-cloud", "The embedded local cloud's daemon");
  RegisterLocalCloudStatus(*local_cloud, ctx);
  RegisterChaos(*toolbox, ctx);
  RegisterGetInstances(*SubcommandOf(app, "get", "Get one or many resources"), ctx);

  auto flags = std::make_shared<DaemonFlags>();
  auto* daemon =
      local_cloud->add_subcommand("daemon", "Run the local cloud daemon (started on demand)");
  daemon->add_option("--dir", flags->dir, "State directory; default $KOPS_LOCAL_CLOUD_DIR");
  daemon->add_option("--idle-exit", flags->idle_exit_seconds,
                     "Seconds with nothing to run before exiting");
  daemon->add_option("--haproxy", flags->haproxy, "The haproxy binary");
  daemon->callback([&ctx, flags] { ctx.action = [flags] { return RunDaemonCommand(*flags); }; });

  auto argv = std::make_shared<std::vector<std::string>>();
  auto* supervise =
      local_cloud->add_subcommand("supervise", "Run an instance's program (used by the daemon)");
  supervise->add_option("command", *argv, "PROGRAM ARGS...")->required();
  supervise->callback([&ctx, argv] {
    ctx.action = [argv]() -> Status { std::exit(local::RunSupervisor(*argv)); };
  });

  auto* stop = local_cloud->add_subcommand("stop", "Stop the daemon (instances keep running)");
  stop->callback([&ctx] {
    ctx.action = [] {
      Status st = LocalClient(false).Shutdown();
      return st.code() == Code::kUnavailable ? Status::Ok() : st;
    };
  });
}

}  // namespace kops::cli
