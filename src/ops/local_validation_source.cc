#include "ops/local_validation_source.h"

#include <map>

#include "api/etcd_layout.h"
#include "instance/etcd_certs.h"
#include "ops/api_client.h"
#include "ops/client_cert.h"

namespace kops::ops {

namespace local = kops::cloud::local;

LocalValidationSource::LocalValidationSource(api::Cluster cluster, std::vector<api::InstanceGroup> groups,
                                             Result<LocalCloudFacts> facts, LocalValidationDeps deps)
    : cluster_(std::move(cluster)), groups_(std::move(groups)), facts_(std::move(facts)), deps_(deps) {}

std::vector<const local::InstanceInfo*> LocalValidationSource::RunningOf(const std::string& group) const {
  std::vector<const local::InstanceInfo*> out;
  if (!facts_.ok()) return out;
  for (const auto& i : facts_->instances)
    if (i.group == group && i.instance.state == local::InstanceState::kRunning) out.push_back(&i);
  return out;
}

Result<std::vector<GroupObservation>> LocalValidationSource::InstanceGroups() {
  if (!facts_.ok()) return facts_.status();
  std::vector<GroupObservation> out;
  for (const api::InstanceGroup& ig : groups_) {
    GroupObservation g = GroupObservationOfSpec(ig);
    for (const auto& cg : facts_->groups) {
      if (cg.name != g.name) continue;
      g.found_in_cloud = true;
      g.desired = cg.desired;
    }
    for (const auto& i : facts_->instances) {
      if (i.group != g.name || !i.instance.Live()) continue;
      g.machines.push_back({i.instance.id, i.instance.zone, i.instance.address,
                            i.instance.state == local::InstanceState::kRunning, i.outdated});
    }
    out.push_back(std::move(g));
  }
  return out;
}

Result<TlsConfig> LocalValidationSource::AdminTls() {
  if (!admin_tls_) {
    admin_tls_ = IssueClientTls(*deps_.keystore, std::string(store::kKubernetesCa),
                                {"kops-validate", {"system:masters"}}, std::chrono::hours(1),
                                deps_.clock->WallNow());
  }
  return *admin_tls_;
}

ApiObservation LocalValidationSource::ApiHealth() {
  ApiObservation obs;
  if (!facts_.ok()) {
    obs.message = facts_.status().message();
    return obs;
  }
  Result<std::string> endpoint = LocalApiEndpoint(*facts_, cluster_.name());
  if (!endpoint.ok()) {
    obs.message = endpoint.status().message();
    return obs;
  }
  obs.endpoint = *endpoint;
  Result<TlsConfig> tls = AdminTls();
  if (!tls.ok()) {
    obs.message = tls.status().message();
    return obs;
  }
  ApiClient api(*deps_.http, obs.endpoint, *tls, deps_.timeout);
  return ObserveReadyz(api);
}

Result<std::vector<nlohmann::json>> LocalValidationSource::Nodes() {
  if (!facts_.ok()) return facts_.status();
  ASSIGN_OR_RETURN(std::string endpoint, LocalApiEndpoint(*facts_, cluster_.name()));
  ASSIGN_OR_RETURN(TlsConfig tls, AdminTls());
  ApiClient api(*deps_.http, endpoint, tls, deps_.timeout);
  return ListNodes(api);
}

std::vector<EtcdClusterObservation> LocalValidationSource::EtcdClusters() {
  std::vector<EtcdClusterObservation> out;
  std::map<std::string, Result<TlsConfig>> tls_by_ca;
  for (const api::EtcdClusterSpec& spec : cluster_.spec.etcd_clusters) {
    std::string ca = instance::EtcdClientsCaName(spec.name);
    auto it = tls_by_ca.find(ca);
    if (it == tls_by_ca.end()) {
      it = tls_by_ca.emplace(ca, IssueClientTls(*deps_.keystore, ca, {"kops-validate", {}},
                                                std::chrono::hours(1), deps_.clock->WallNow()))
               .first;
    }
    const Result<TlsConfig>& tls = it->second;
    if (tls.ok() && facts_.ok()) {
      out.push_back(ObserveEtcd(spec, *tls));
      continue;
    }
    EtcdClusterObservation c;
    c.name = spec.name;
    c.error = !facts_.ok() ? facts_.status().message() : tls.status().message();
    for (const auto& m : spec.members) {
      c.expected_members.push_back(m.name);
      c.members.push_back({.name = m.name});
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace kops::ops
