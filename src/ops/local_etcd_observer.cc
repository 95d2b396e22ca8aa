// LocalValidationSource::ObserveEtcd: each spec member asked on its own instance.
#include "api/etcd_layout.h"
#include "etcd/client.h"
#include "instance/instance_config.h"
#include "ops/local_validation_source.h"

namespace kops::ops {

namespace local = kops::cloud::local;

namespace {

std::string GroupZone(const api::InstanceGroup* ig, const api::Cluster& cluster) {
  if (!ig) return "";
  std::vector<std::string> zones = api::InstanceGroupZones(*ig, cluster);
  return zones.size() == 1 ? zones[0] : "";
}

void AskMember(etcd::Client& client, EtcdMemberObservation& m) {
  Result<etcd::EndpointStatus> st = client.StatusOf(m.endpoint);
  if (!st.ok()) {
    m.error = st.status().message();
    return;
  }
  m.reachable = true;
  m.member_id = st->header.member_id;
  m.leader_id = st->leader;
  m.revision = st->header.revision;
  m.learner = st->is_learner;
  for (const auto& e : st->errors) m.error += (m.error.empty() ? "" : "; ") + e;
  Result<bool> health = client.Health(m.endpoint);
  m.healthy = health.ok() && *health;
  if (!health.ok()) m.error += (m.error.empty() ? "" : "; ") + health.status().message();
  else if (!*health && m.error.empty()) m.error = "/health says unhealthy";
}

}  // namespace

EtcdClusterObservation LocalValidationSource::ObserveEtcd(const api::EtcdClusterSpec& spec, const TlsConfig& tls) {
  EtcdClusterObservation c;
  c.name = spec.name;
  int port = instance::EtcdPorts(spec.name).first;
  std::vector<std::string> endpoints;
  for (const api::EtcdMemberSpec& ms : spec.members) {
    c.expected_members.push_back(ms.name);
    EtcdMemberObservation m;
    m.name = ms.name;
    const api::InstanceGroup* ig = nullptr;
    for (const auto& g : groups_)
      if (g.name() == ms.instance_group) ig = &g;
    m.zone = GroupZone(ig, cluster_);
    std::vector<const local::InstanceInfo*> running = RunningOf(ms.instance_group);
    if (!running.empty()) {
      m.instance_id = running[0]->instance.id;
      if (m.zone.empty()) m.zone = running[0]->instance.zone;
      m.endpoint = "https://" + running[0]->instance.address + ":" + std::to_string(port);
      endpoints.push_back(m.endpoint);
    }
    c.members.push_back(std::move(m));
  }
  if (endpoints.empty()) {
    c.member_list_error = "no member has a running instance";
    return c;
  }
  etcd::ClientOptions options;
  options.endpoints = endpoints;
  options.request_timeout = deps_.timeout;
  options.tls = tls;
  Result<std::unique_ptr<etcd::Client>> client = etcd::Client::Create(*deps_.http, options);
  if (!client.ok()) {
    c.error = client.status().message();
    return c;
  }
  for (EtcdMemberObservation& m : c.members)
    if (!m.endpoint.empty()) AskMember(**client, m);
  Result<etcd::MemberListResponse> list = (*client)->MemberList();
  c.member_list_ok = list.ok();
  if (!list.ok()) {
    c.member_list_error = list.status().message();
    return c;
  }
  for (const etcd::Member& m : list->members) c.member_list.push_back({m.id, m.name, m.is_learner});
  return c;
}

}  // namespace kops::ops
