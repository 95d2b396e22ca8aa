#include "cloud/local/update.h"

#include <cstdio>

#include "api/defaults.h"
#include "api/validation.h"
#include "base/file_util.h"
#include "cloud/local/model_builder.h"
#include "engine/dry_run_target.h"
#include "engine/run_graph.h"

namespace kops::cloud::local {

namespace {

// The cloud API an operation uses: the one given (tests), else a client of the local
// cloud daemon of cloud_dir that this holder owns. Without start_daemon (dry runs) the
// client starts none and reads the saved state when none answers.
struct CloudApiHolder {
  CloudApiHolder(LocalCloudApi* given, bool start_daemon = true, const std::string& cloud_dir = "")
      : api(given) {
    if (api != nullptr) return;
    ClientOptions options;
    options.state_dir = cloud_dir;
    options.autostart = start_daemon;
    client = std::make_unique<LocalCloudClient>(options);
    owned = std::make_unique<ClientCloudApi>(*client, /*saved_state_without_daemon=*/!start_daemon);
    api = owned.get();
  }
  std::unique_ptr<LocalCloudClient> client;
  std::unique_ptr<ClientCloudApi> owned;
  LocalCloudApi* api;
};

std::string Seconds(Clock::Duration d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1fs", std::chrono::duration<double>(d).count());
  return buf;
}

Result<LocalModelInput> LoadInput(const UpdateLocalOptions& o) {
  store::Clientset& cs = *o.clientset;
  LocalModelInput in;
  if (o.cluster != nullptr) {
    in.cluster = *o.cluster;
  } else {
    ASSIGN_OR_RETURN(auto cluster, cs.GetCluster(o.cluster_name));
    in.cluster = std::move(cluster.object);
  }
  if (in.cluster.spec.cloud_provider != "local") {
    return FailedPrecondition("cluster \"" + o.cluster_name + "\" uses cloud provider \"" +
                              in.cluster.spec.cloud_provider + "\", not local");
  }
  ASSIGN_OR_RETURN(auto groups, cs.ListInstanceGroups(o.cluster_name));
  for (const auto& g : groups)
    in.launch_hashes[g.object.name()] = LaunchHashOf(in.cluster, g.object);
  api::ApplyDefaults(in.cluster);
  for (auto& g : groups) {
    api::ApplyDefaults(g.object, in.cluster);
    in.groups.push_back(std::move(g.object));
  }
  RETURN_IF_ERROR(api::ValidateAll(in.cluster, in.groups, /*strict=*/true)
                      .WithContext("cluster \"" + o.cluster_name + "\" is not valid"));
  in.ref = {o.store_url.empty() ? cs.vfs().Url() : o.store_url, o.cluster_name};
  in.instance_argv = o.instance_argv;
  in.keystore = o.keystore;
  if (in.instance_argv.empty()) in.instance_argv = {SelfExecutablePath(), "toolbox", "instance", "run"};
  return in;
}

void PrintSuggestions(const std::string& name, std::ostream& progress) {
  progress << "\nCluster is starting.  It should be ready in a few seconds.\n\n"
           << "Suggestions:\n"
           << " * validate cluster: kops validate cluster " << name << " --wait 3m\n"
           << " * list instances: kops get instances " << name << "\n"
           << " * admin credentials: kops export kubeconfig " << name << " --admin\n";
}

}  // namespace

Status UpdateLocalCluster(const UpdateLocalOptions& o, std::ostream& progress) {
  if (o.clientset == nullptr) return InvalidArgument("UpdateLocalCluster: no clientset");
  Clock& clock = o.clock ? *o.clock : RealClock::Instance();
  const Clock::TimePoint start = clock.Now();
  ASSIGN_OR_RETURN(LocalModelInput input, LoadInput(o));

  CloudApiHolder holder(o.api, /*start_daemon=*/o.yes, o.cloud_dir);
  LocalCloudApi* api = holder.api;
  engine::Graph graph;
  RETURN_IF_ERROR(BuildLocalModel(input, *api, o.clientset->vfs(), graph));
  engine::RunGraphOptions run;
  run.executor.retry_interval = o.retry_interval;
  run.executor.deadline = std::chrono::minutes(2);

  progress << "Comparing " << graph.size() << " resources of cluster " << o.cluster_name
           << " with the local cloud\n";
  engine::DryRunTarget diff;
  RETURN_IF_ERROR(RunGraph(graph, diff, clock, run).WithContext("reading the local cloud"));
  if (!o.yes) {
    std::ostream& out = o.out ? *o.out : progress;
    out << (diff.HasChanges() ? diff.Report() : "No changes need to be applied\n");
    if (diff.HasChanges()) progress << "\nMust specify --yes to apply changes\n";
    return Status::Ok();
  }
  if (!diff.HasChanges()) {
    progress << "No changes need to be applied\n";
    return Status::Ok();
  }
  progress << "Applying changes: " << diff.CreatedKeys().size() << " to create, "
           << diff.ModifiedKeys().size() << " to modify, " << diff.DeletedItems().size()
           << " to delete\n";
  api->Refresh();
  LocalTarget target(*api);
  RETURN_IF_ERROR(RunGraph(graph, target, clock, run));
  progress << "Cloud resources created or updated [" << Seconds(clock.Now() - start) << "]\n";
  RETURN_IF_ERROR(WaitForLaunches(*api, input.ref, clock, o.launch_timeout, progress));
  progress << "Cluster changes have been applied to the cloud [" << Seconds(clock.Now() - start)
           << "]\n";
  if (o.suggestions) PrintSuggestions(o.cluster_name, progress);
  return Status::Ok();
}

Status DeleteLocalClusterResources(const DeleteLocalOptions& o, std::ostream& progress) {
  Clock& clock = o.clock ? *o.clock : RealClock::Instance();
  CloudApiHolder holder(o.api);
  LocalCloudApi* api = holder.api;
  const Clock::TimePoint start = clock.Now();
  ASSIGN_OR_RETURN(CloudState before, api->ClusterState(o.ref));
  ASSIGN_OR_RETURN(std::vector<std::string> terminating, api->DeleteCluster(o.ref));
  progress << "Deleting local cloud resources of " << o.ref.cluster << ": " << before.groups.size()
           << " groups, " << terminating.size() << " instances, " << before.volumes.size()
           << " volumes, " << before.load_balancers.size() << " load balancers, "
           << before.zones.size() << " zone ranges\n";
  RETURN_IF_ERROR(WaitForNoLiveInstances(*api, o.ref, clock, o.timeout, progress));
  progress << "Local cloud resources deleted [" << Seconds(clock.Now() - start) << "]\n";
  return Status::Ok();
}

}  // namespace kops::cloud::local
