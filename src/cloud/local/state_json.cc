#include "cloud/local/state_json.h"

namespace kops::cloud::local {

namespace {

// Runs a decoder body, turning nlohmann's exceptions into a Status naming `what`.
template <typename T, typename F>
Result<T> Decode(const char* what, F body) {
  try {
    return body();
  } catch (const Json::exception& e) {
    return InvalidArgument(std::string("decoding ") + what + ": " + e.what());
  }
}

}  // namespace

Json ToJson(const LaunchSpec& v) {
  return {{"argv", v.argv}, {"env", v.env}, {"working_dir", v.working_dir}};
}

Json ToJson(const Group& v) {
  return {{"cluster_id", v.cluster_id},
          {"cluster_name", v.cluster_name},
          {"name", v.name},
          {"zones", v.zones},
          {"min_size", v.min_size},
          {"max_size", v.max_size},
          {"desired", v.desired},
          {"launch", ToJson(v.launch)},
          {"tags", v.tags},
          {"consecutive_failures", v.consecutive_failures},
          {"next_launch_after_ms", v.next_launch_after_ms}};
}

Json ToJson(const Instance& v) {
  return {{"id", v.id},
          {"group_key", v.group_key},
          {"cluster_id", v.cluster_id},
          {"zone", v.zone},
          {"address", v.address},
          {"pid", v.pid},
          {"pid_start_ticks", v.pid_start_ticks},
          {"supervisor_pid", v.supervisor_pid},
          {"state", InstanceStateName(v.state)},
          {"state_reason", v.state_reason},
          {"launch_hash", v.launch_hash},
          {"launched_at_ms", v.launched_at_ms},
          {"terminate_requested_at_ms", v.terminate_requested_at_ms},
          {"terminated_at_ms", v.terminated_at_ms}};
}

Json ToJson(const Volume& v) {
  return {{"id", v.id},     {"cluster_id", v.cluster_id},      {"zone", v.zone},
          {"tags", v.tags}, {"attached_to", v.attached_to},    {"data_dir", v.data_dir},
          {"lost", v.lost}, {"created_at_ms", v.created_at_ms}};
}

Json ToJson(const LoadBalancer& v) {
  return {{"cluster_id", v.cluster_id},
          {"name", v.name},
          {"address", v.address},
          {"port", v.port},
          {"backend_port", v.backend_port},
          {"group_keys", v.group_keys},
          {"health_check_path", v.health_check_path},
          {"haproxy_pid", v.haproxy_pid},
          {"haproxy_start_ticks", v.haproxy_start_ticks},
          {"registered", v.registered}};
}

Json ToJson(const ZoneRange& v) {
  return {{"cluster_id", v.cluster_id}, {"zone", v.zone}, {"index", v.index}, {"up", v.up}};
}

Json ToJson(const CloudState& v) {
  Json j = {{"version", 1},
            {"groups", Json::array()},
            {"instances", Json::array()},
            {"volumes", Json::array()},
            {"load_balancers", Json::array()},
            {"zones", Json::array()}};
  for (const auto& [k, g] : v.groups) j["groups"].push_back(ToJson(g));
  for (const auto& [k, i] : v.instances) j["instances"].push_back(ToJson(i));
  for (const auto& [k, vol] : v.volumes) j["volumes"].push_back(ToJson(vol));
  for (const auto& [k, lb] : v.load_balancers) j["load_balancers"].push_back(ToJson(lb));
  for (const auto& z : v.zones) j["zones"].push_back(ToJson(z));
  return j;
}

Result<LaunchSpec> LaunchSpecFromJson(const Json& j) {
  return Decode<LaunchSpec>("launch spec", [&] {
    LaunchSpec v;
    v.argv = j.value("argv", std::vector<std::string>{});
    v.env = j.value("env", std::map<std::string, std::string>{});
    v.working_dir = j.value("working_dir", "");
    return v;
  });
}

Result<Group> GroupFromJson(const Json& j) {
  ASSIGN_OR_RETURN(LaunchSpec launch, LaunchSpecFromJson(j.value("launch", Json::object())));
  return Decode<Group>("group", [&] {
    Group v;
    v.cluster_id = j.at("cluster_id").get<std::string>();
    v.cluster_name = j.value("cluster_name", "");
    v.name = j.at("name").get<std::string>();
    v.zones = j.value("zones", std::vector<std::string>{});
    v.min_size = j.value("min_size", 0);
    v.max_size = j.value("max_size", 0);
    v.desired = j.value("desired", 0);
    v.launch = launch;
    v.tags = j.value("tags", std::map<std::string, std::string>{});
    v.consecutive_failures = j.value("consecutive_failures", 0);
    v.next_launch_after_ms = j.value("next_launch_after_ms", int64_t{0});
    return v;
  });
}

Result<Instance> InstanceFromJson(const Json& j) {
  auto r = Decode<Instance>("instance", [&] {
    Instance v;
    v.id = j.at("id").get<std::string>();
    v.group_key = j.value("group_key", "");
    v.cluster_id = j.value("cluster_id", "");
    v.zone = j.value("zone", "");
    v.address = j.value("address", "");
    v.pid = j.value("pid", 0);
    v.pid_start_ticks = j.value("pid_start_ticks", uint64_t{0});
    v.supervisor_pid = j.value("supervisor_pid", 0);
    v.state_reason = j.value("state_reason", "");
    v.launch_hash = j.value("launch_hash", "");
    v.launched_at_ms = j.value("launched_at_ms", int64_t{0});
    v.terminate_requested_at_ms = j.value("terminate_requested_at_ms", int64_t{0});
    v.terminated_at_ms = j.value("terminated_at_ms", int64_t{0});
    return v;
  });
  if (!r.ok()) return r;
  std::string state = j.value("state", "running");
  if (!ParseInstanceState(state, &r->state)) {
    return InvalidArgument("instance " + r->id + ": state \"" + state +
                           "\" is not one of running, terminating, terminated");
  }
  return r;
}

Result<Volume> VolumeFromJson(const Json& j) {
  return Decode<Volume>("volume", [&] {
    Volume v;
    v.id = j.at("id").get<std::string>();
    v.cluster_id = j.value("cluster_id", "");
    v.zone = j.at("zone").get<std::string>();
    v.tags = j.value("tags", std::map<std::string, std::string>{});
    v.attached_to = j.value("attached_to", "");
    v.data_dir = j.value("data_dir", "");
    v.lost = j.value("lost", false);
    v.created_at_ms = j.value("created_at_ms", int64_t{0});
    return v;
  });
}

Result<LoadBalancer> LoadBalancerFromJson(const Json& j) {
  return Decode<LoadBalancer>("load balancer", [&] {
    LoadBalancer v;
    v.cluster_id = j.at("cluster_id").get<std::string>();
    v.name = j.at("name").get<std::string>();
    v.address = j.value("address", "");
    v.port = j.value("port", 443);
    v.backend_port = j.value("backend_port", 443);
    v.group_keys = j.value("group_keys", std::vector<std::string>{});
    v.health_check_path = j.value("health_check_path", "/readyz");
    v.haproxy_pid = j.value("haproxy_pid", 0);
    v.haproxy_start_ticks = j.value("haproxy_start_ticks", uint64_t{0});
    v.registered = j.value("registered", std::set<std::string>{});
    return v;
  });
}

Result<ZoneRange> ZoneRangeFromJson(const Json& j) {
  return Decode<ZoneRange>("zone range", [&] {
    return ZoneRange{j.at("cluster_id").get<std::string>(), j.at("zone").get<std::string>(),
                     j.at("index").get<int>(), j.value("up", true)};
  });
}

Result<CloudState> CloudStateFromJson(const Json& j) {
  if (!j.is_object()) return InvalidArgument("cloud state: not a JSON object");
  CloudState s;
  auto list = [&](const char* key) { return j.contains(key) ? j[key] : Json::array(); };
  for (const auto& e : list("groups")) {
    ASSIGN_OR_RETURN(Group g, GroupFromJson(e));
    s.groups[g.Key()] = std::move(g);
  }
  for (const auto& e : list("instances")) {
    ASSIGN_OR_RETURN(Instance i, InstanceFromJson(e));
    s.instances[i.id] = std::move(i);
  }
  for (const auto& e : list("volumes")) {
    ASSIGN_OR_RETURN(Volume v, VolumeFromJson(e));
    s.volumes[v.id] = std::move(v);
  }
  for (const auto& e : list("load_balancers")) {
    ASSIGN_OR_RETURN(LoadBalancer lb, LoadBalancerFromJson(e));
    s.load_balancers[lb.Key()] = std::move(lb);
  }
  for (const auto& e : list("zones")) {
    ASSIGN_OR_RETURN(ZoneRange z, ZoneRangeFromJson(e));
    s.zones.push_back(std::move(z));
  }
  return s;
}

}  // namespace kops::cloud::local
