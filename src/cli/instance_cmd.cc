// `kops toolbox instance run` (hidden): the program the local cloud daemon launches for
// every instance, configured by the environment it sets (instance/instance_config.h).
// Runs until SIGTERM or SIGINT, then stops etcd and the API stand-in and exits 0.
#include <csignal>
#include <iostream>

#include "cli/commands.h"
#include "instance/instance_run.h"

namespace kops::cli {
namespace {

std::atomic<bool> g_stop{false};
void OnSignal(int) { g_stop = true; }

CLI::App* FindOrAdd(CLI::App& parent, const std::string& name, const std::string& help) {
  auto found = parent.get_subcommands([&](CLI::App* a) { return a->get_name() == name; });
  return found.empty() ? parent.add_subcommand(name, help) : found.front();
}

}  // namespace

void RegisterToolboxInstance(CLI::App& app, Context& ctx) {
  CLI::App* toolbox =
      FindOrAdd(app, "toolbox", "Miscellaneous, experimental or infrequently used commands");
  CLI::App* instance = toolbox->add_subcommand("instance", "What runs on a local-cloud instance");
  instance->group("");  // hidden: started by the local cloud daemon, not by users
  CLI::App* run = instance->add_subcommand("run", "Run this instance's programs (etcd manager, API, node agent)");
  run->callback([&ctx] {
    ctx.action = [&ctx]() -> Status {
      ASSIGN_OR_RETURN(instance::InstanceEnv env, instance::ReadInstanceEnv(
                                                      [](const char* k) { return std::getenv(k); }));
      std::signal(SIGTERM, OnSignal);
      std::signal(SIGINT, OnSignal);
      std::ostream& err = ctx.Err();
      return instance::RunInstance(env, g_stop, [&err](const std::string& line) {
        err << line << std::endl;
      });
    };
  });
}

}  // namespace kops::cli
