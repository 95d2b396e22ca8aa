// LoadBalancer and AutoscalingGroup tasks (local_tasks.h).
#include <algorithm>

#include "cloud/local/local_tasks.h"

namespace kops::cloud::local {

using engine::Fields;
using engine::Value;

namespace {

std::string NameInCluster(const std::string& key) { return key.substr(key.find('/') + 1); }

int64_t IntField(const Fields& f, const char* name, int64_t fallback) {
  const Value* v = f.Find(name);
  const int64_t* i = v ? v->get_if<int64_t>() : nullptr;
  return i ? *i : fallback;
}

}  // namespace

// ---- LoadBalancer

LoadBalancerTask::LoadBalancerTask(std::string task_name, LoadBalancerSpec spec,
                                   LocalCloudApi& reader, ClusterRef ref)
    : LocalCloudTask("LoadBalancer", std::move(task_name), reader, std::move(ref)),
      spec_(std::move(spec)) {}

Fields LoadBalancerTask::Expected() const {
  return {{"Port", spec_.port},
          {"BackendPort", spec_.backend_port},
          {"Groups", Value::Strings(spec_.groups)},
          {"HealthCheck", "/readyz"}};
}

void LoadBalancerTask::Publish(const LoadBalancer& lb, engine::Context& ctx) const {
  ctx.Publish(key(), "id", lb.name);
  ctx.Publish(key(), "address", lb.address);
  ctx.Publish(key(), "endpoint", "https://" + lb.address + ":" + std::to_string(lb.port));
}

Result<std::optional<Fields>> LoadBalancerTask::Find(engine::Context& ctx) {
  ASSIGN_OR_RETURN(CloudState state, State());
  for (const auto& [k, lb] : state.load_balancers) {
    if (lb.name != spec_.name) continue;
    std::vector<std::string> groups;
    for (const auto& g : lb.group_keys) groups.push_back(NameInCluster(g));
    std::sort(groups.begin(), groups.end());
    Publish(lb, ctx);
    return std::optional<Fields>(Fields{{"Port", lb.port},
                                        {"BackendPort", lb.backend_port},
                                        {"Groups", Value::Strings(groups)},
                                        {"HealthCheck", lb.health_check_path},
                                        {"Address", lb.address}});
  }
  return std::optional<Fields>();
}

Status LoadBalancerTask::Apply(engine::DirectTarget& target, const engine::Change&,
                               engine::Context& ctx) {
  ASSIGN_OR_RETURN(LocalTarget * local, AsLocalTarget(target, key()));
  EnsureLoadBalancerRequest r{ref(), spec_.name, spec_.port, spec_.backend_port, spec_.groups};
  ASSIGN_OR_RETURN(LoadBalancer lb, local->api().EnsureLoadBalancer(r));
  Publish(lb, ctx);
  return Status::Ok();
}

// ---- AutoscalingGroup

GroupTask::GroupTask(std::string task_name, GroupSpec spec, LocalCloudApi& reader, ClusterRef ref)
    : LocalCloudTask("AutoscalingGroup", std::move(task_name), reader, std::move(ref)),
      spec_(std::move(spec)) {}

Fields GroupTask::Expected() const {
  return {{"Zones", Value::Strings(spec_.zones)},
          {"MinSize", spec_.min_size},
          {"MaxSize", spec_.max_size},
          {"Command", Value::Strings(spec_.argv)},
          {"Env", spec_.env},
          {"Tags", ToValueMap(spec_.tags)}};
}

Result<std::optional<Fields>> GroupTask::Find(engine::Context& ctx) {
  ASSIGN_OR_RETURN(CloudState state, State());
  for (const auto& [k, g] : state.groups) {
    if (g.name != spec_.name) continue;
    ctx.Publish(key(), "id", g.name);
    return std::optional<Fields>(Fields{{"Zones", Value::Strings(g.zones)},
                                        {"MinSize", g.min_size},
                                        {"MaxSize", g.max_size},
                                        {"Desired", g.desired},
                                        {"Command", Value::Strings(g.launch.argv)},
                                        {"Env", ToValueMap(g.launch.env)},
                                        {"Tags", ToValueMap(g.tags)}});
  }
  return std::optional<Fields>();
}

Status GroupTask::Apply(engine::DirectTarget& target, const engine::Change& change,
                        engine::Context& ctx) {
  ASSIGN_OR_RETURN(LocalTarget * local, AsLocalTarget(target, key()));
  CreateGroupRequest r{ref(), spec_.name, spec_.zones, spec_.min_size, spec_.max_size};
  // kops sets the desired size on creation only; the daemon clamps it into min..max.
  r.desired = change.actual ? static_cast<int>(IntField(*change.actual, "Desired", spec_.min_size))
                            : spec_.min_size;
  r.launch.argv = spec_.argv;
  for (const auto& [name, value] : spec_.env) {
    if (const auto* reference = value.get_if<engine::Reference>()) {
      ASSIGN_OR_RETURN(r.launch.env[name], ctx.Resolve(*reference));
    } else if (const auto* s = value.get_if<std::string>()) {
      r.launch.env[name] = *s;
    } else {
      return InvalidArgument(key() + ": env " + name + " is neither a string nor a reference");
    }
  }
  r.tags = spec_.tags;
  RETURN_IF_ERROR(local->api().CreateGroup(r).status());
  ctx.Publish(key(), "id", spec_.name);
  return Status::Ok();
}

// ---- Cleanup

CleanupTask::CleanupTask(std::string cluster_name, KeptResources kept, LocalCloudApi& reader,
                         ClusterRef ref)
    : LocalCloudTask("Cleanup", std::move(cluster_name), reader, std::move(ref)),
      kept_(std::move(kept)) {}

Fields CleanupTask::Expected() const { return {{"Cluster", name()}}; }

Result<std::optional<Fields>> CleanupTask::Find(engine::Context&) {
  return std::optional<Fields>(Expected());  // nothing of its own to create or change
}

Status CleanupTask::Apply(engine::DirectTarget&, const engine::Change&, engine::Context&) {
  return Status::Ok();
}

Result<std::vector<engine::Deletion>> CleanupTask::FindDeletions(engine::Context&) {
  ASSIGN_OR_RETURN(CloudState state, State());
  std::vector<engine::Deletion> out;
  const ClusterRef cluster = ref();
  for (const auto& [k, g] : state.groups) {
    if (kept_.groups.count(g.name)) continue;
    bool control_plane = g.tags.count("k8s.io/role/control-plane") > 0;
    std::string item = g.name + (control_plane ? ".masters." : ".") + cluster.cluster;
    std::string name = g.name;
    out.push_back({"AutoscalingGroup", item, [cluster, name](engine::DirectTarget& t) -> Status {
                     ASSIGN_OR_RETURN(LocalTarget * local, AsLocalTarget(t, "AutoscalingGroup/" + name));
                     return local->api().DeleteGroup(cluster, name);
                   }});
  }
  for (const auto& [id, v] : state.volumes) {
    auto member = EtcdMemberOfVolume(v.tags);
    if (!member || kept_.etcd_members.count(*member)) continue;
    if (!v.attached_to.empty()) {
      auto inst = state.instances.find(v.attached_to);
      if (inst != state.instances.end() && inst->second.state != InstanceState::kTerminated)
        continue;  // its instance is still going away: deleted by a later update
    }
    std::string item = member->second + ".etcd-" + member->first + "." + cluster.cluster + " (" + id + ")";
    std::string volume_id = id;
    out.push_back({"Volume", item, [cluster, volume_id](engine::DirectTarget& t) -> Status {
                     ASSIGN_OR_RETURN(LocalTarget * local, AsLocalTarget(t, "Volume/" + volume_id));
                     return local->api().DeleteVolume(cluster, volume_id);
                   }});
  }
  return out;
}

}  // namespace kops::cloud::local
