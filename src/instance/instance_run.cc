#include "instance/instance_run.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <thread>

#include "base/clock.h"
#include "cloud/local/client.h"
#include "instance/apiserver_certs.h"
#include "instance/control_plane.h"
#include "instance/local_cloud_volume_claimer.h"
#include "instance/node_agent.h"
#include "instance/node_lifecycle.h"
#include "store/clientset.h"

namespace kops::instance {
namespace {

constexpr int kNodeLifecyclePeriodSeconds = 5;

void WaitForStop(const std::atomic<bool>& stop, std::chrono::milliseconds d) {
  auto until = std::chrono::steady_clock::now() + d;
  while (!stop && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
}

Status RunControlPlane(const InstanceEnv& env, const InstancePlan& plan,
                       const api::Cluster& cluster, store::Vfs& vfs,
                       HttpClient& http, const std::atomic<bool>& stop,
                       const std::function<void(const std::string&)>& log) {
  LocalCloudVolumeClaimer volumes(env.cloud_socket, env.instance_id,
                                  {env.state_store, env.cluster_name});
  ControlPlaneConfig c;
  c.cluster_name = env.cluster_name;
  c.zone = env.zone;
  c.address = env.address;
  c.work_dir = env.work_dir;
  c.etcd = plan.etcd;
  c.api_sans = plan.api_sans;
  c.api_port = env.api_port;
  ASSIGN_OR_RETURN(c.etcd_backups, EtcdBackupSettingsFor(cluster, [](const char* k) { return std::getenv(k); }));
  ControlPlaneDeps deps{&vfs, &volumes, &http, &RealClock::Instance(), log};
  // Members added or removed after this instance started (kops scale control-plane).
  deps.spec_members = [store = env.state_store, name = env.cluster_name](
                          const std::string& etcd_cluster) -> Result<std::vector<std::string>> {
    ASSIGN_OR_RETURN(std::unique_ptr<store::Vfs> vfs, store::OpenVfs(store));
    store::Clientset clientset(std::move(vfs));
    ASSIGN_OR_RETURN(auto cluster, clientset.GetCluster(name));
    return EtcdMemberNamesOf(cluster.object, etcd_cluster);
  };
  ControlPlane cp(c, deps);
  RETURN_IF_ERROR(cp.Start());
  log("control plane running on " + env.address);
  // The cloud controller manager's node lifecycle part (node_lifecycle.h), every few seconds.
  cloud::local::LocalCloudClient cloud = cloud::local::LocalCloudClient::ForSocket(env.cloud_socket);
  const cloud::local::ClusterRef ref{env.state_store, env.cluster_name};
  for (int second = 1; !stop; ++second) {
    WaitForStop(stop, std::chrono::seconds(1));
    if (stop || second % kNodeLifecyclePeriodSeconds != 0 || cp.objects() == nullptr) continue;
    Result<std::vector<cloud::local::InstanceInfo>> instances = cloud.DescribeInstances(ref);
    if (!instances.ok()) continue;  // the daemon restarting: next pass
    std::set<std::string> live;
    for (const cloud::local::InstanceInfo& i : *instances)
      if (i.instance.Live()) live.insert(i.instance.id);
    Result<std::vector<std::string>> deleted = DeleteNodesOfGoneInstances(*cp.objects(), live);
    if (!deleted.ok()) continue;  // no quorum: next pass
    for (const std::string& node : *deleted) log("node lifecycle: deleted Node " + node + " (its instance is gone)");
  }
  cp.Stop();
  return Status::Ok();
}

Status RunNode(const InstanceEnv& env, const InstancePlan& plan, store::Vfs& vfs, HttpClient& http,
               const std::atomic<bool>& stop, const std::function<void(const std::string&)>& log) {
  if (plan.api_endpoint.empty()) {
    return FailedPrecondition("no API endpoint: set KOPS_API_ENDPOINT or spec.masterPublicName");
  }
  store::Keystore keystore(vfs, env.cluster_name);
  std::string node = env.instance_id;
  ASSIGN_OR_RETURN(TlsConfig tls, IssueApiClientTls(keystore, "system:node:" + node));
  NodeAgent agent({plan.api_endpoint, node, env.address, env.zone, env.instance_group, tls}, http,
                  RealClock::Instance());
  // A failed heartbeat (the API not up yet, its control plane being replaced) is retried
  // sooner than the next regular one: after 1 s, doubling up to the heartbeat interval.
  const std::chrono::milliseconds interval = std::chrono::seconds(env.heartbeat_seconds);
  std::chrono::milliseconds retry(1000);
  while (!stop) {
    Status st = agent.Heartbeat();
    if (st.ok()) {
      retry = std::chrono::milliseconds(1000);
      // Between heartbeats, look for a cordon each second so a drain is acknowledged soon.
      for (auto waited = std::chrono::milliseconds(0); !stop && waited < interval;
           waited += std::chrono::seconds(1)) {
        WaitForStop(stop, std::min<std::chrono::milliseconds>(std::chrono::seconds(1), interval - waited));
        if (!stop && agent.CordonUnacknowledged()) break;
      }
      continue;
    }
    log("node agent: " + st.message());
    WaitForStop(stop, std::min(retry, interval));
    retry = std::min(retry * 2, interval);
  }
  return Status::Ok();
}

}  // namespace

Status RunInstance(const InstanceEnv& env, const std::atomic<bool>& stop,
                   const std::function<void(const std::string&)>& log) {
  ASSIGN_OR_RETURN(std::unique_ptr<store::Vfs> vfs, store::OpenVfs(env.state_store));
  store::Clientset clientset(std::move(vfs));
  ASSIGN_OR_RETURN(auto cluster, clientset.GetCluster(env.cluster_name));
  ASSIGN_OR_RETURN(auto versioned_groups, clientset.ListInstanceGroups(env.cluster_name));
  std::vector<api::InstanceGroup> groups;
  for (auto& g : versioned_groups) groups.push_back(std::move(g.object));
  ASSIGN_OR_RETURN(InstancePlan plan,
                   PlanInstance(cluster.object, groups, env.instance_group, env.api_endpoint));
  std::unique_ptr<HttpClient> http = NewCurlHttpClient();
  log("instance " + env.instance_id + " (" + env.instance_group + ", " + env.zone + ", " +
      env.address + "): " + (plan.control_plane ? "control plane" : "node"));
  if (plan.control_plane)
    return RunControlPlane(env, plan, cluster.object, clientset.vfs(), *http, stop, log);
  return RunNode(env, plan, clientset.vfs(), *http, stop, log);
}

}  // namespace kops::instance
