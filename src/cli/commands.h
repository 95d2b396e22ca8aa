// Registration functions of every verb (one file each).
#pragma once

#include "cli/command.h"

namespace kops::cli {

// `kops create cluster` (create_cluster_cmd.cc).
void RegisterCreateCluster(CLI::App& create, Context& ctx);
// `kops create -f`, `create instancegroup`, `create sshpublickey` (create_cmd.cc).
void RegisterCreate(CLI::App& create, Context& ctx);
void RegisterGet(CLI::App& app, Context& ctx);
void RegisterReplace(CLI::App& app, Context& ctx);
void RegisterEdit(CLI::App& app, Context& ctx);
void RegisterDelete(CLI::App& app, Context& ctx);
void RegisterVersion(CLI::App& app, Context& ctx);
void RegisterCompletion(CLI::App& app, Context& ctx);
void RegisterUpdateCluster(CLI::App& app, Context& ctx);
void RegisterToolboxInstance(CLI::App& app, Context& ctx);  // toolbox instance run (hidden)
void RegisterLocalCloud(CLI::App& app, Context& ctx);  // toolbox local-cloud/chaos, get instances
void RegisterValidateCluster(CLI::App& app, Context& ctx);   // validate cluster
void RegisterExportKubeconfig(CLI::App& app, Context& ctx);  // export kubeconfig
void RegisterToolboxProbe(CLI::App& app, Context& ctx);      // toolbox probe
void RegisterToolboxHaReport(CLI::App& app, Context& ctx);   // toolbox ha-report
void RegisterScale(CLI::App& app, Context& ctx);             // scale control-plane
void RegisterEtcd(CLI::App& app, Context& ctx);  // etcd backups list, etcd backup, etcd restore

void RegisterRollingUpdate(CLI::App& app, Context& ctx);    // rolling-update cluster

}  // namespace kops::cli
