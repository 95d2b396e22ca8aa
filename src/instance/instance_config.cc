#include "instance/instance_config.h"

namespace kops::instance {

Result<InstanceEnv> ReadInstanceEnv(const std::function<const char*(const char*)>& getenv) {
  InstanceEnv env;
  std::vector<std::string> missing;
  auto req = [&](const char* name, std::string& out) {
    const char* v = getenv(name);
    if (v && *v) out = v;
    else missing.push_back(name);
  };
  auto opt = [&](const char* name) -> std::string {
    const char* v = getenv(name);
    return v ? v : "";
  };
  req("KOPS_STATE_STORE", env.state_store);
  req("KOPS_CLUSTER_NAME", env.cluster_name);
  req("KOPS_INSTANCE_ID", env.instance_id);
  req("KOPS_INSTANCE_GROUP", env.instance_group);
  req("KOPS_ZONE", env.zone);
  req("KOPS_ADDRESS", env.address);
  env.cloud_socket = opt("KOPS_CLOUD_SOCKET");
  env.api_endpoint = opt("KOPS_API_ENDPOINT");
  env.work_dir = opt("KOPS_INSTANCE_DIR");
  if (env.work_dir.empty() && !env.instance_id.empty()) env.work_dir = "/tmp/kops-instance-" + env.instance_id;
  for (auto [name, out] : {std::pair{"KOPS_API_PORT", &env.api_port},
                           std::pair{"KOPS_NODE_HEARTBEAT_SECONDS", &env.heartbeat_seconds}}) {
    std::string v = opt(name);
    if (v.empty()) continue;
    try {
      *out = std::stoi(v);
    } catch (...) {
      return InvalidArgument(std::string(name) + "=\"" + v + "\" is not a number");
    }
  }
  if (!missing.empty()) {
    std::string list;
    for (const std::string& m : missing) list += (list.empty() ? "" : ", ") + m;
    return InvalidArgument("toolbox instance run: missing environment " + list +
                           " (set by the local cloud daemon)");
  }
  return env;
}

std::pair<int, int> EtcdPorts(const std::string& etcd_cluster) {
  if (etcd_cluster == "main") return {4001, 2380};
  if (etcd_cluster == "events") return {4002, 2381};
  return {4003, 2382};
}

namespace {

// "https://host[:port][/...]" -> "host" ("[v6]" brackets removed); "" when not a URL.
std::string EndpointHost(const std::string& endpoint) {
  size_t scheme = endpoint.find("://");
  if (scheme == std::string::npos) return "";
  std::string rest = endpoint.substr(scheme + 3);
  rest = rest.substr(0, rest.find('/'));
  if (!rest.empty() && rest[0] == '[') return rest.substr(1, rest.find(']') - 1);
  return rest.substr(0, rest.find(':'));
}

}  // namespace

std::vector<std::string> EtcdMemberNamesOf(const api::Cluster& cluster,
                                           const std::string& etcd_cluster) {
  std::vector<std::string> names;
  for (const api::EtcdClusterSpec& etcd : cluster.spec.etcd_clusters)
    if (etcd.name == etcd_cluster)
      for (const api::EtcdMemberSpec& m : etcd.members) names.push_back(m.name);
  return names;
}

Result<InstancePlan> PlanInstance(const api::Cluster& cluster,
                                  const std::vector<api::InstanceGroup>& groups,
                                  const std::string& group_name, const std::string& api_endpoint) {
  const api::InstanceGroup* group = nullptr;
  for (const api::InstanceGroup& g : groups)
    if (g.name() == group_name) group = &g;
  if (!group) {
    return NotFound("instance group \"" + group_name + "\" is not in cluster \"" + cluster.name() + "\"");
  }
  InstancePlan plan;
  plan.control_plane = group->spec.IsControlPlane();
  plan.api_endpoint = api_endpoint;
  const std::string& public_name = cluster.spec.master_public_name;
  if (plan.api_endpoint.empty() && !public_name.empty()) plan.api_endpoint = "https://" + public_name;
  if (!public_name.empty()) plan.api_sans.push_back(public_name);
  plan.api_sans.push_back("api.internal." + cluster.name());
  // Clients reach the API through the load balancer, by its address: the certificate
  // must name it too, or TLS verification of https://<lb address> fails.
  if (std::string host = EndpointHost(plan.api_endpoint); !host.empty() && host != public_name)
    plan.api_sans.push_back(host);
  if (!plan.control_plane) return plan;
  for (const api::EtcdClusterSpec& etcd : cluster.spec.etcd_clusters) {
    EtcdMembership m;
    m.etcd_cluster = etcd.name;
    for (const api::EtcdMemberSpec& member : etcd.members) {
      m.all_members.push_back(member.name);
      if (member.instance_group == group_name) m.member = member.name;
    }
    if (m.member.empty()) continue;
    std::tie(m.client_port, m.peer_port) = EtcdPorts(etcd.name);
    plan.etcd.push_back(std::move(m));
  }
  return plan;
}

}  // namespace kops::instance
