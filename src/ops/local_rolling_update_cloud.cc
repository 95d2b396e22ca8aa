#include "ops/local_rolling_update_cloud.h"

#include <set>

#include "etcd/client.h"
#include "instance/etcd_certs.h"
#include "instance/node_agent.h"
#include "ops/api_client.h"
#include "ops/client_cert.h"
#include "ops/kube_node_drain.h"
#include "ops/local_cloud_facts.h"
#include "ops/local_validation_source.h"
#include "ops/rolling_update_settings.h"
#include "ops/validation.h"

namespace kops::ops {

namespace local = kops::cloud::local;

namespace {

constexpr char kOutdatedReason[] = "launch configuration differs from the group's";
constexpr std::chrono::milliseconds kCallTimeout{3000};

std::string NodePath(const std::string& node) { return "/api/v1/nodes/" + node; }

}  // namespace

LocalRollingUpdateCloud::LocalRollingUpdateCloud(ClusterSpecs specs, local::LocalCloudClient& client,
                                                 local::ClusterRef ref, HttpClient& http, store::Keystore& keystore,
                                                 Clock& clock)
    : specs_(std::move(specs)), client_(client), ref_(std::move(ref)), http_(http), keystore_(keystore),
      clock_(clock) {}

Result<TlsConfig> LocalRollingUpdateCloud::AdminTls() {
  if (!admin_tls_) {
    admin_tls_ = IssueClientTls(keystore_, std::string(store::kKubernetesCa), {"kops-rolling-update", {"system:masters"}},
                                std::chrono::hours(1), clock_.WallNow());
  }
  return *admin_tls_;
}

Result<TlsConfig> LocalRollingUpdateCloud::EtcdTls(const std::string& etcd_cluster) {
  auto it = etcd_tls_.find(etcd_cluster);
  if (it == etcd_tls_.end()) {
    it = etcd_tls_
             .emplace(etcd_cluster, IssueClientTls(keystore_, instance::EtcdClientsCaName(etcd_cluster),
                                                   {"kops-rolling-update", {}}, std::chrono::hours(1), clock_.WallNow()))
             .first;
  }
  return it->second;
}

Result<std::string> LocalRollingUpdateCloud::ApiEndpoint() {
  ASSIGN_OR_RETURN(LocalCloudFacts facts, FetchLocalCloudFacts(client_, ref_));
  return LocalApiEndpoint(facts, ref_.cluster);
}

Result<std::vector<RollGroup>> LocalRollingUpdateCloud::Groups() {
  ASSIGN_OR_RETURN(LocalCloudFacts facts, FetchLocalCloudFacts(client_, ref_));
  // Node names registered in the API (a node is named after its instance id); without
  // the API nothing is known to be registered and drains are skipped, as kops does.
  std::set<std::string> nodes;
  Result<std::string> endpoint = LocalApiEndpoint(facts, ref_.cluster);
  Result<TlsConfig> tls = AdminTls();
  if (endpoint.ok() && tls.ok()) {
    ApiClient api(http_, *endpoint, *tls, kCallTimeout);
    if (Result<nlohmann::json> list = api.GetJson("/api/v1/nodes"); list.ok() && list->contains("items")) {
      for (const auto& n : (*list)["items"])
        if (n.contains("metadata") && n["metadata"].is_object()) nodes.insert(n["metadata"].value("name", ""));
    }
  }
  std::vector<RollGroup> out;
  for (const api::InstanceGroup& ig : specs_.groups) {
    RollGroup g = RollGroupOfSpec(specs_.cluster, ig);
    for (const local::Group& cg : facts.groups)
      if (cg.name == g.name) g.target = cg.desired;
    for (const local::InstanceInfo& i : facts.instances) {
      if (i.group != g.name || !i.instance.Live()) continue;
      g.instances.push_back({i.instance.id, i.instance.zone, nodes.count(i.instance.id) ? i.instance.id : "",
                             i.instance.state == local::InstanceState::kRunning, i.outdated ? kOutdatedReason : ""});
    }
    out.push_back(std::move(g));
  }
  return out;
}

Status LocalRollingUpdateCloud::Terminate(const std::string&, const std::string& instance_id, bool decrement) {
  return client_.TerminateInstance(ref_, instance_id, /*force=*/false, decrement);
}

Status LocalRollingUpdateCloud::SetTarget(const std::string& group, int target) {
  return client_.SetDesired(ref_, group, target);
}

Status LocalRollingUpdateCloud::CordonNode(const std::string& node) {
  ASSIGN_OR_RETURN(std::string endpoint, ApiEndpoint());
  ASSIGN_OR_RETURN(TlsConfig tls, AdminTls());
  ApiClient api(http_, endpoint, tls, kCallTimeout);
  Status last;
  for (int attempt = 0; attempt < 5; ++attempt) {  // a heartbeat may update the node in between
    ASSIGN_OR_RETURN(nlohmann::json n, api.GetJson(NodePath(node)));
    if (n["spec"].is_object() && n["spec"].value("unschedulable", false)) return Status::Ok();
    n["spec"]["unschedulable"] = true;
    ASSIGN_OR_RETURN(HttpResponse r, api.Do("PUT", NodePath(node), n.dump()));
    if (r.status == 200) return Status::Ok();
    last = Unavailable("cordon node " + node + ": HTTP " + std::to_string(r.status) + ": " + BodySummary(r.body));
    if (r.status != 409) return last;
  }
  return last;
}

Result<bool> LocalRollingUpdateCloud::NodeDrained(const std::string& node) {
  ASSIGN_OR_RETURN(std::string endpoint, ApiEndpoint());
  ASSIGN_OR_RETURN(TlsConfig tls, AdminTls());
  ApiClient api(http_, endpoint, tls, kCallTimeout);
  ASSIGN_OR_RETURN(nlohmann::json n, api.GetJson(NodePath(node)));
  const nlohmann::json& meta = n["metadata"];
  if (!meta.is_object() || !meta.contains("annotations") || !meta["annotations"].is_object()) return false;
  return meta["annotations"].value(instance::kNodeDrainedAnnotation, "") == "true";
}

Status LocalRollingUpdateCloud::DeleteNode(const std::string& node) {
  ASSIGN_OR_RETURN(std::string endpoint, ApiEndpoint());
  ASSIGN_OR_RETURN(TlsConfig tls, AdminTls());
  ApiClient api(http_, endpoint, tls, kCallTimeout);
  return ops::DeleteNode(api, node);
}

Status LocalRollingUpdateCloud::DrainFromLoadBalancer(const std::string& instance_id) {
  return client_.DrainBackend(ref_, instance_id);
}

Result<std::vector<LbBackend>> LocalRollingUpdateCloud::LoadBalancerBackends() {
  ASSIGN_OR_RETURN(std::vector<local::BackendInfo> backends, client_.DescribeBackends(ref_));
  std::vector<LbBackend> out;
  for (const local::BackendInfo& b : backends) {
    out.push_back({b.instance_id, b.status.rfind("UP", 0) == 0, b.status == "DRAIN", b.connections});
  }
  return out;
}

std::vector<EtcdClusterObservation> LocalRollingUpdateCloud::EtcdClusters() {
  LocalValidationSource source(specs_.cluster, specs_.groups, FetchLocalCloudFacts(client_, ref_),
                               {&http_, &keystore_, &clock_});
  return source.EtcdClusters();
}

Status LocalRollingUpdateCloud::MoveEtcdLeader(const std::string& etcd_cluster, uint64_t to_member_id) {
  std::vector<std::string> endpoints;
  for (const EtcdClusterObservation& c : EtcdClusters())
    if (c.name == etcd_cluster)
      for (const EtcdMemberObservation& m : c.members)
        if (m.reachable) endpoints.push_back(m.endpoint);
  if (endpoints.empty()) return Unavailable("etcd " + etcd_cluster + ": no member answers");
  ASSIGN_OR_RETURN(TlsConfig tls, EtcdTls(etcd_cluster));
  etcd::ClientOptions options;
  options.endpoints = endpoints;
  options.request_timeout = kCallTimeout;
  options.tls = tls;
  ASSIGN_OR_RETURN(std::unique_ptr<etcd::Client> client, etcd::Client::Create(http_, options));
  return client->MoveLeader(to_member_id);
}

Result<ClusterValidation> LocalRollingUpdateCloud::Validate() {
  LocalValidationSource source(specs_.cluster, specs_.groups, FetchLocalCloudFacts(client_, ref_),
                               {&http_, &keystore_, &clock_});
  ASSIGN_OR_RETURN(ValidationInput input, CollectValidationInput(ref_.cluster, source));
  ValidationOptions options;
  options.count_outdated = true;
  return EvaluateCluster(input, options);
}

}  // namespace kops::ops
