// `kops toolbox chaos kill-instance|zone-down|zone-up|lose-volume NAME …`: failures
// injected through the local cloud's API, as a cloud outage would cause them.
#include <memory>

#include "base/http.h"
#include "cli/local_cloud_cli.h"
#include "cli/opened_cluster.h"
#include "ops/cluster_specs.h"
#include "ops/etcd_leader.h"
#include "ops/local_validation_source.h"
#include "store/clientset.h"

namespace kops::cli {

namespace {

struct ChaosOptions {
  std::string cluster;
  std::string instance;
  std::string etcd_leader;
  std::string zone;
  std::string volume;
};

// The instance holding the leader of etcd cluster etcd_name, found by asking every
// member over TLS as `validate cluster` does.
Result<ops::EtcdLeader> FindLeader(Context& ctx, const cloud::local::ClusterRef& ref,
                                   cloud::local::LocalCloudClient& cloud, const std::string& etcd_name) {
  ASSIGN_OR_RETURN(auto opened, OpenCluster(ctx, ref.cluster));
  const std::string& cloud_provider = opened->specs.cluster.spec.cloud_provider;
  if (cloud_provider != "local") {
    return FailedPrecondition("--etcd-leader: cluster " + ref.cluster + " is on cloud \"" + cloud_provider +
                              "\", not local");
  }
  ops::LocalValidationSource source = LocalValidationSourceOf(*opened, cloud);
  return ops::FindEtcdLeader(source, etcd_name);
}

Status KillInstance(Context& ctx, const ChaosOptions& o) {
  if (o.instance.empty() == o.etcd_leader.empty()) {
    return InvalidArgument(
        "kill-instance: give exactly one of --instance ID or --etcd-leader main|events");
  }
  if (!o.etcd_leader.empty() && o.etcd_leader != "main" && o.etcd_leader != "events") {
    return InvalidArgument("--etcd-leader \"" + o.etcd_leader + "\": want main or events");
  }
  ASSIGN_OR_RETURN(auto ref, LocalClusterRef(ctx, o.cluster));
  auto client = LocalClient();
  if (!o.etcd_leader.empty()) {
    ctx.Err() << "Finding the leader of etcd cluster " << o.etcd_leader << " of " << ref.cluster << "\n";
    Result<ops::EtcdLeader> leader = FindLeader(ctx, ref, client, o.etcd_leader);
    if (!leader.ok()) {
      return Status(leader.status().code(), "--etcd-leader " + o.etcd_leader + ": " + leader.status().message());
    }
    RETURN_IF_ERROR(client.TerminateInstance(ref, leader->instance_id, /*force=*/true));
    ctx.Err() << "Killed instance " << leader->instance_id << " (zone " << leader->zone
              << ") of cluster " << ref.cluster << ": it held the leader of etcd cluster "
              << leader->etcd_cluster << ", member \"" << leader->member << "\" (id "
              << ops::EtcdMemberIdHex(leader->member_id) << ")\n";
    return Status::Ok();
  }
  RETURN_IF_ERROR(client.TerminateInstance(ref, o.instance, /*force=*/true));
  ctx.Err() << "Killed instance " << o.instance << " of cluster " << ref.cluster << "\n";
  return Status::Ok();
}

Status Zone(Context& ctx, const ChaosOptions& o, bool up) {
  ASSIGN_OR_RETURN(auto ref, LocalClusterRef(ctx, o.cluster));
  auto client = LocalClient();
  RETURN_IF_ERROR(up ? client.ZoneUp(ref, o.zone) : client.ZoneDown(ref, o.zone));
  ctx.Err() << "Zone " << o.zone << " of cluster " << ref.cluster << " is " << (up ? "up" : "down")
            << "\n";
  return Status::Ok();
}

Status LoseVolume(Context& ctx, const ChaosOptions& o) {
  ASSIGN_OR_RETURN(auto ref, LocalClusterRef(ctx, o.cluster));
  RETURN_IF_ERROR(LocalClient().LoseVolume(ref, o.volume));
  ctx.Err() << "Volume " << o.volume << " of cluster " << ref.cluster << " is lost\n";
  return Status::Ok();
}

}  // namespace

void RegisterChaos(CLI::App& toolbox, Context& ctx) {
  auto* chaos = toolbox.add_subcommand("chaos", "Inject failures into a local cloud cluster");
  chaos->require_subcommand(1);
  auto o = std::make_shared<ChaosOptions>();

  auto* kill =
      chaos->add_subcommand("kill-instance", "Kill an instance (SIGKILL); its group relaunches it");
  kill->add_option("cluster", o->cluster, "Cluster name");
  kill->add_option("--instance", o->instance, "Instance id");
  kill->add_option("--etcd-leader", o->etcd_leader,
                   "Kill the leader of etcd cluster main or events");
  kill->callback([&ctx, o] { ctx.action = [&ctx, o] { return KillInstance(ctx, *o); }; });

  for (bool up : {false, true}) {
    auto* zone = chaos->add_subcommand(
        up ? "zone-up" : "zone-down",
        up ? "Bring a zone back" : "Take a zone down: its instances stop, none is launched there");
    zone->add_option("cluster", o->cluster, "Cluster name");
    zone->add_option("--zone", o->zone, "Zone name")->required();
    zone->callback([&ctx, o, up] { ctx.action = [&ctx, o, up] { return Zone(ctx, *o, up); }; });
  }

  auto* lose =
      chaos->add_subcommand("lose-volume", "Destroy a volume's data; the cloud recreates it empty");
  lose->add_option("cluster", o->cluster, "Cluster name");
  lose->add_option("--volume", o->volume, "Volume id")->required();
  lose->callback([&ctx, o] { ctx.action = [&ctx, o] { return LoseVolume(ctx, *o); }; });
}

}  // namespace kops::cli
