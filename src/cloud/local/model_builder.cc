#include "cloud/local/model_builder.h"

#include <algorithm>
#include <set>

#include "api/codec.h"
#include "api/etcd_layout.h"
#include "base/hash.h"
#include "store/cluster_keysets.h"

namespace kops::cloud::local {

namespace {

std::string GroupTaskName(const std::string& cluster, const api::InstanceGroup& g) {
  return g.name() + (g.spec.IsControlPlane() ? ".masters." : ".") + cluster;
}

std::string VolumeTaskName(const std::string& cluster, const std::string& etcd,
                           const std::string& member) {
  return member + ".etcd-" + etcd + "." + cluster;
}

const api::InstanceGroup* FindGroup(const LocalModelInput& in, const std::string& name) {
  for (const auto& g : in.groups)
    if (g.name() == name) return &g;
  return nullptr;
}

Status AddVolumes(const LocalModelInput& in, LocalCloudApi& reader, engine::Graph& graph,
                  std::map<std::string, std::vector<std::string>>& volumes_of_group) {
  const std::string& cluster = in.ref.cluster;
  for (const auto& etcd : in.cluster.spec.etcd_clusters) {
    std::vector<std::string> all;
    for (const auto& m : etcd.members) all.push_back(m.name);
    for (const auto& m : etcd.members) {
      const api::InstanceGroup* g = FindGroup(in, m.instance_group);
      auto zones = g ? api::InstanceGroupZones(*g, in.cluster) : std::vector<std::string>{};
      if (zones.size() != 1) {
        return InvalidArgument("etcd cluster " + etcd.name + " member " + m.name +
                               ": instance group \"" + m.instance_group + "\" " +
                               (g ? "must run in exactly one zone" : "does not exist"));
      }
      auto task = std::make_unique<VolumeTask>(VolumeTaskName(cluster, etcd.name, m.name), zones[0],
                                               EtcdVolumeTags(cluster, etcd.name, m.name, all),
                                               reader, in.ref);
      task->DependOn("Zone/" + zones[0]);
      volumes_of_group[m.instance_group].push_back(task->key());
      RETURN_IF_ERROR(graph.Add(std::move(task)));
    }
  }
  return Status::Ok();
}

}  // namespace

std::string LaunchHashOf(const api::Cluster& cluster, const api::InstanceGroup& group) {
  api::Cluster launch = cluster;
  // Other groups' etcd members: the instance runs only its own (instance_config.h) and
  // its etcd manager follows membership changes without a restart.
  for (auto& etcd : launch.spec.etcd_clusters)
    std::erase_if(etcd.members, [&](const api::EtcdMemberSpec& m) {
      return m.instance_group != group.name();
    });
  // Subnets: an instance runs in its group's zone; no instance reads a subnet's CIDR on
  // the local cloud (zones are loopback ranges), so only the group's subnets' names,
  // zones and types count.
  std::vector<api::ClusterSubnetSpec> own;
  for (const auto& s : launch.spec.subnets) {
    if (std::find(group.spec.subnets.begin(), group.spec.subnets.end(), s.name) ==
        group.spec.subnets.end())
      continue;
    api::ClusterSubnetSpec kept;
    kept.name = s.name;
    kept.zone = s.zone;
    kept.type = s.type;
    own.push_back(kept);
  }
  launch.spec.subnets = std::move(own);
  return Sha256Hex(api::ToJson(launch).dump() + "\n" + api::ToJson(group).dump()).substr(0, 16);
}

StringMap EtcdVolumeTags(const std::string& cluster_name, const std::string& etcd_cluster,
                         const std::string& member, std::vector<std::string> all_members) {
  std::sort(all_members.begin(), all_members.end());
  std::string all;
  for (const auto& m : all_members) all += (all.empty() ? "" : ",") + m;
  return {{"k8s.io/etcd/" + etcd_cluster, member + "/" + all},
          {"k8s.io/role/control-plane", "1"},
          {"k8s.io/role/master", "1"},
          {"kubernetes.io/cluster/" + cluster_name, "owned"}};
}

StringMap GroupTags(const std::string& cluster_name, const api::InstanceGroup& group,
                    const std::string& task_name) {
  StringMap tags{{"KubernetesCluster", cluster_name},
                 {"Name", task_name},
                 {"kops.k8s.io/instancegroup", group.name()},
                 {"kubernetes.io/cluster/" + cluster_name, "owned"}};
  const std::string& role = group.spec.role;
  if (group.spec.IsControlPlane()) {
    tags["k8s.io/role/control-plane"] = "1";
    tags["k8s.io/role/master"] = "1";
  } else if (role == api::kRoleBastion) {
    tags["k8s.io/role/bastion"] = "1";
  } else if (role == api::kRoleAPIServer) {
    tags["k8s.io/role/api-server"] = "1";
  } else {
    tags["k8s.io/role/node"] = "1";
  }
  return tags;
}

Status BuildLocalModel(const LocalModelInput& in, LocalCloudApi& reader, store::Vfs& vfs,
                       engine::Graph& graph) {
  const std::string& cluster = in.ref.cluster;
  std::vector<std::string> keypairs;
  for (const auto& name : store::ClusterCaKeysets(in.cluster)) {
    RETURN_IF_ERROR(graph.Add(std::make_unique<KeypairTask>(name, vfs, cluster, in.keystore)));
    keypairs.push_back("Keypair/" + name);
  }
  std::set<std::string> zones;
  std::vector<std::string> control_plane;
  for (const auto& g : in.groups) {
    auto z = api::InstanceGroupZones(g, in.cluster);
    if (z.empty()) return InvalidArgument("instance group \"" + g.name() + "\" has no zone");
    zones.insert(z.begin(), z.end());
    if (g.spec.IsControlPlane()) control_plane.push_back(g.name());
  }
  for (const auto& z : zones)
    RETURN_IF_ERROR(graph.Add(std::make_unique<ZoneTask>(z, reader, in.ref)));
  std::map<std::string, std::vector<std::string>> volumes_of_group;
  RETURN_IF_ERROR(AddVolumes(in, reader, graph, volumes_of_group));

  std::sort(control_plane.begin(), control_plane.end());
  std::string lb_key = "LoadBalancer/api." + cluster;
  RETURN_IF_ERROR(graph.Add(std::make_unique<LoadBalancerTask>(
      "api." + cluster, LoadBalancerSpec{"api", 443, 443, control_plane}, reader, in.ref)));

  KeptResources kept;
  for (const auto& g : in.groups) kept.groups.insert(g.name());
  for (const auto& etcd : in.cluster.spec.etcd_clusters)
    for (const auto& m : etcd.members) kept.etcd_members.insert({etcd.name, m.name});
  auto cleanup = std::make_unique<CleanupTask>(cluster, std::move(kept), reader, in.ref);
  const std::string cleanup_key = cleanup->key();
  RETURN_IF_ERROR(graph.Add(std::move(cleanup)));

  for (const auto& g : in.groups) {
    GroupSpec spec;
    spec.name = g.name();
    spec.zones = api::InstanceGroupZones(g, in.cluster);
    spec.min_size = g.spec.min_size.value_or(1);
    spec.max_size = std::max(spec.min_size, g.spec.max_size.value_or(spec.min_size));
    spec.argv = in.instance_argv;
    auto hash = in.launch_hashes.find(g.name());
    spec.env = {{"KOPS_STATE_STORE", in.ref.store_url},
                {"KOPS_API_ENDPOINT", engine::Value::Ref(lb_key, "endpoint")},
                {"KOPS_INSTANCE_DIR", "."},
                {"KOPS_LAUNCH_HASH", hash == in.launch_hashes.end() ? "" : hash->second}};
    std::string task_name = GroupTaskName(cluster, g);
    spec.tags = GroupTags(cluster, g, task_name);
    auto task = std::make_unique<GroupTask>(task_name, std::move(spec), reader, in.ref);
    for (const auto& k : keypairs) task->DependOn(k);
    for (const auto& z : task->spec().zones) task->DependOn("Zone/" + z);
    for (const auto& v : volumes_of_group[g.name()]) task->DependOn(v);
    task->DependOn(cleanup_key);  // groups that left the spec go first (their LB backends)
    RETURN_IF_ERROR(graph.Add(std::move(task)));
  }
  return Status::Ok();
}

}  // namespace kops::cloud::local
