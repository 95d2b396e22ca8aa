#include "ops/scale_etcd.h"

#include <set>

#include "instance/etcd_certs.h"
#include "instance/instance_config.h"
#include "ops/client_cert.h"

namespace kops::ops {

namespace local = kops::cloud::local;

ScaleEtcd::ScaleEtcd(HttpClient& http, store::Keystore& keystore, Clock& clock)
    : http_(http), keystore_(keystore), clock_(clock) {}

Result<TlsConfig> ScaleEtcd::Tls() {
  // main and events share etcd-clients-ca (instance::EtcdClientsCaName).
  if (!tls_)
    tls_ = IssueClientTls(keystore_, instance::EtcdClientsCaName("main"), {"kops-scale", {}},
                          std::chrono::hours(1), clock_.WallNow());
  return *tls_;
}

namespace {

std::vector<std::string> Endpoints(const std::string& etcd_cluster, const LocalCloudFacts& facts,
                                   const std::string& skip_group) {
  int port = instance::EtcdPorts(etcd_cluster).first;
  std::vector<std::string> out;
  for (const local::InstanceInfo& i : facts.instances) {
    if (i.role != "ControlPlane" || i.group == skip_group) continue;
    if (i.instance.state != local::InstanceState::kRunning) continue;
    out.push_back("https://" + i.instance.address + ":" + std::to_string(port));
  }
  return out;
}

std::string JoinNames(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

Result<std::unique_ptr<etcd::Client>> ScaleEtcd::ClientFor(const std::string& etcd_cluster,
                                                           const LocalCloudFacts& facts,
                                                           const std::string& skip_group) {
  etcd::ClientOptions o;
  o.endpoints = Endpoints(etcd_cluster, facts, skip_group);
  if (o.endpoints.empty())
    return Unavailable("etcd " + etcd_cluster + ": no running control-plane instance to ask");
  o.request_timeout = std::chrono::milliseconds(2000);
  ASSIGN_OR_RETURN(o.tls, Tls());
  return etcd::Client::Create(http_, o);
}

std::vector<create::EtcdMembershipSeen> ScaleEtcd::Observe(const api::Cluster& cluster,
                                                           const LocalCloudFacts& facts) {
  std::vector<create::EtcdMembershipSeen> out;
  for (const auto& spec : cluster.spec.etcd_clusters) {
    auto client = ClientFor(spec.name, facts);
    if (!client.ok()) continue;
    auto list = (*client)->MemberList();
    if (!list.ok()) continue;
    create::EtcdMembershipSeen seen{spec.name, {}};
    for (const etcd::Member& m : list->members) seen.members.push_back({m.name, m.is_learner});
    out.push_back(std::move(seen));
  }
  return out;
}

std::string ScaleEtcd::MissingMembers(const api::Cluster& cluster, const std::string& etcd_cluster,
                                      const LocalCloudFacts& facts) {
  auto client = ClientFor(etcd_cluster, facts);
  if (!client.ok()) return client.status().message();
  auto list = (*client)->MemberList();
  if (!list.ok()) return "member list: " + list.status().message();
  std::vector<std::string> missing;
  std::set<std::string> listed;
  for (const etcd::Member& m : list->members) {
    if (m.name.empty()) {
      missing.push_back("a learner not started yet");
      continue;
    }
    listed.insert(m.name);
    if (m.is_learner) missing.push_back(m.name + " is a learner");
  }
  for (const std::string& name : instance::EtcdMemberNamesOf(cluster, etcd_cluster))
    if (!listed.count(name)) missing.push_back(name + " not added yet");
  for (const std::string& ep : (*client)->endpoints()) {
    auto healthy = (*client)->Health(ep);
    if (!healthy.ok() || !*healthy) missing.push_back(ep + " not healthy");
  }
  return JoinNames(missing);
}

Result<bool> ScaleEtcd::Lists(const std::string& etcd_cluster, const std::string& member,
                              const LocalCloudFacts& facts, const std::string& skip_group) {
  ASSIGN_OR_RETURN(auto client, ClientFor(etcd_cluster, facts, skip_group));
  ASSIGN_OR_RETURN(etcd::MemberListResponse list, client->MemberList());
  std::set<std::string> peer_urls;  // of the removed member's instance, when it still runs
  int peer_port = instance::EtcdPorts(etcd_cluster).second;
  for (const local::InstanceInfo& i : facts.instances)
    if (i.group == skip_group && !skip_group.empty())
      peer_urls.insert("https://" + i.instance.address + ":" + std::to_string(peer_port));
  for (const etcd::Member& m : list.members) {
    if (m.name == member) return true;
    for (const auto& u : m.peer_urls)
      if (peer_urls.count(u)) return true;
  }
  return false;
}

Status ScaleEtcd::RemoveMember(const std::string& etcd_cluster, const std::string& member,
                               const std::string& group, const LocalCloudFacts& facts,
                               std::ostream& progress) {
  ASSIGN_OR_RETURN(auto client, ClientFor(etcd_cluster, facts, group));
  ASSIGN_OR_RETURN(etcd::MemberListResponse list, client->MemberList());
  const etcd::Member* gone = nullptr;
  const etcd::Member* heir = nullptr;
  for (const etcd::Member& m : list.members) {
    if (m.name == member) gone = &m;
    else if (!m.is_learner && !m.name.empty() && !heir) heir = &m;
  }
  if (!gone) {
    progress << "  etcd " << etcd_cluster << ": member " << member << " is not listed\n";
    return Status::Ok();
  }
  // A leader being removed steps down only after the removal commits; hand the
  // leadership over first so writes never wait for an election.
  auto status = client->AnyStatus();
  if (status.ok() && status->leader == gone->id && heir) {
    Status moved = client->MoveLeader(heir->id);
    progress << "  etcd " << etcd_cluster << ": leadership moved from " << member << " to "
             << heir->name << (moved.ok() ? "" : " failed (" + moved.message() + ")") << "\n";
  }
  auto removed = client->MemberRemove(gone->id);
  if (!removed.ok() && removed.status().code() != Code::kNotFound)
    return removed.status().WithContext("etcd " + etcd_cluster + ": removing member " + member);
  progress << "  etcd " << etcd_cluster << ": member " << member << " removed\n";
  return Status::Ok();
}

}  // namespace kops::ops
