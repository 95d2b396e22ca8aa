// Shared pieces of the local-cloud verbs: `kops toolbox local-cloud …` (local_cloud_cmd.cc),
// `kops toolbox chaos …` (chaos_cmd.cc) and `kops get instances` (instances_cmd.cc).
// They talk to the local cloud daemon of $KOPS_LOCAL_CLOUD_DIR (default
// ~/.local/share/kops-local-cloud) through cloud/local/client.h, naming the cluster by
// (state store URL, cluster name) exactly as the engine's direct target does.
#pragma once

#include <string>

#include "cli/command.h"
#include "cloud/local/api_messages.h"
#include "cloud/local/client.h"

namespace kops::cli {

// The "toolbox" subcommand of app, created when no other verb has made it yet.
CLI::App* ToolboxCommand(CLI::App& app);
// The named subcommand of parent, created (with description) when absent.
CLI::App* SubcommandOf(CLI::App& parent, const std::string& name, const std::string& description);

// The cluster a verb acts on: the state store and the positional name (or --name).
Result<cloud::local::ClusterRef> LocalClusterRef(const Context& ctx, const std::string& positional);

// A client of the default daemon; autostart as the verb needs (status does not start it).
cloud::local::LocalCloudClient LocalClient(bool autostart = true);

void RegisterLocalCloudStatus(CLI::App& local_cloud, Context& ctx);
void RegisterChaos(CLI::App& toolbox, Context& ctx);
void RegisterGetInstances(CLI::App& get, Context& ctx);

}  // namespace kops::cli
