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

}  // namespace kops::cloud::local
