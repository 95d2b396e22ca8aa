#include "cloud/local/applier.h"

#include <signal.h>

#include <filesystem>
#include <iostream>

#include "base/file_util.h"
#include "cloud/local/ids.h"
#include "cloud/local/volumes.h"
#include "cloud/local/zones.h"

namespace kops::cloud::local {

namespace {

void RemoveTree(const std::string& path) {
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
}

}  // namespace

Status Applier::Apply(CloudState& state, const Action& a) {
  using Kind = Action::Kind;
  switch (a.kind) {
    case Kind::kLaunch:
      return Launch(state, a.group_key, a.zone).status();
    case Kind::kTerminate:
      return Terminate(state, a.instance_id, a.reason);
    case Kind::kKill:
      return Kill(state, a.instance_id, a.reason);
    case Kind::kDetachVolume:
      return DetachVolume(state, a.volume_id);
    case Kind::kForget:
      return Forget(state, a.instance_id);
    case Kind::kRecreateVolume:
      return RecreateVolume(state, a.volume_id);
  }
  return Internal("unknown action");
}

Result<std::string> Applier::Launch(CloudState& state, const std::string& group_key,
                                    const std::string& zone) {
  auto g = state.groups.find(group_key);
  if (g == state.groups.end()) return NotFound("group " + group_key + " does not exist");
  Group& group = g->second;
  const ZoneRange* range = state.FindZone(group.cluster_id, zone);
  if (range == nullptr) return NotFound("zone " + zone + " has no range in " + group_key);
  ASSIGN_OR_RETURN(std::string address, AllocateInstanceAddress(state, *range, group_key));
  Instance inst;
  do inst.id = NewCloudId("i");
  while (state.instances.count(inst.id));
  std::string home = dir_.InstanceDir(inst.id);
  RETURN_IF_ERROR(MakeDirs(home, 0700));

  ProcessSpec spec;
  spec.argv = options_.supervisor_prefix;
  spec.argv.insert(spec.argv.end(), group.launch.argv.begin(), group.launch.argv.end());
  spec.env = group.launch.env;
  spec.env["KOPS_INSTANCE_ID"] = inst.id;
  spec.env["KOPS_INSTANCE_GROUP"] = group.name;
  spec.env["KOPS_ZONE"] = zone;
  spec.env["KOPS_ADDRESS"] = address;
  spec.env["KOPS_CLUSTER_NAME"] = group.cluster_name;
  spec.env["KOPS_CLUSTER_ID"] = group.cluster_id;
  spec.env["KOPS_CLOUD_SOCKET"] = options_.socket_path;
  spec.working_dir = group.launch.working_dir.empty() ? home : group.launch.working_dir;
  spec.log_file = home + "/console.log";
  auto started = runner_.Start(spec);
  int64_t now_ms = ToMillis(clock_.Now());
  if (!started.ok()) {
    RemoveTree(home);
    group.next_launch_after_ms =
        now_ms + ToMillis(Clock::TimePoint{} + options_.start_failure_backoff);
    return started.status().WithContext("launch in " + group_key);
  }
  inst.group_key = group_key;
  inst.cluster_id = group.cluster_id;
  inst.zone = zone;
  inst.address = address;
  inst.pid = started->pid;
  inst.pid_start_ticks = started->start_ticks;
  inst.supervisor_pid = options_.supervisor_prefix.empty() ? 0 : started->pid;
  inst.launch_hash = group.LaunchHash();
  inst.launched_at_ms = now_ms;
  std::cerr << "launched " << inst.id << " (" << group_key << ", " << zone << ", " << address
            << ", pid " << inst.pid << ")\n";
  std::string id = inst.id;
  state.instances[id] = std::move(inst);
  return id;
}

Status Applier::Terminate(CloudState& state, const std::string& id, const std::string& reason) {
  auto it = state.instances.find(id);
  if (it == state.instances.end()) return NotFound("instance " + id + " does not exist");
  Instance& i = it->second;
  if (i.state != InstanceState::kRunning) return Status::Ok();
  lbs_.Drain(state, id);
  i.state = InstanceState::kTerminating;
  i.state_reason = reason;
  i.terminate_requested_at_ms = ToMillis(clock_.Now());
  std::cerr << "terminate " << id << " (" << reason << ")\n";
  return runner_.Kill(ProcessHandle{i.pid, i.pid_start_ticks}, SIGTERM);
}

Status Applier::Kill(CloudState& state, const std::string& id, const std::string& reason) {
  auto it = state.instances.find(id);
  if (it == state.instances.end()) return NotFound("instance " + id + " does not exist");
  Instance& i = it->second;
  if (i.state == InstanceState::kTerminated) return Status::Ok();
  if (i.state == InstanceState::kRunning) {
    i.state = InstanceState::kTerminating;
    i.terminate_requested_at_ms = ToMillis(clock_.Now());
  }
  i.state_reason = reason;  // before the signal: a zone-down kill is not a crash
  std::cerr << "kill " << id << " (" << reason << ")\n";
  return runner_.Kill(ProcessHandle{i.pid, i.pid_start_ticks}, SIGKILL);
}

Status Applier::Forget(CloudState& state, const std::string& id) {
  RemoveTree(dir_.InstanceDir(id));
  state.instances.erase(id);
  return Status::Ok();
}

Result<Volume> Applier::CreateVolume(CloudState& state, const std::string& cluster_id,
                                     const std::string& zone,
                                     const std::map<std::string, std::string>& tags) {
  Volume v;
  do v.id = NewCloudId("vol");
  while (state.volumes.count(v.id));
  v.cluster_id = cluster_id;
  v.zone = zone;
  v.tags = tags;
  v.data_dir = dir_.VolumeDir(v.id);
  v.created_at_ms = ToMillis(clock_.Now());
  RETURN_IF_ERROR(MakeDirs(v.data_dir, 0700));
  state.volumes[v.id] = v;
  return v;
}

Status Applier::LoseVolume(CloudState& state, const std::string& id) {
  RETURN_IF_ERROR(local::LoseVolume(state, id));
  RemoveTree(state.volumes.at(id).data_dir);
  std::cerr << "lost volume " << id << "\n";
  return Status::Ok();
}

Status Applier::DeleteVolume(CloudState& state, const std::string& id) {
  auto it = state.volumes.find(id);
  if (it == state.volumes.end()) return NotFound("volume " + id + " does not exist");
  RemoveTree(it->second.data_dir);
  state.volumes.erase(it);
  return Status::Ok();
}

Status Applier::RecreateVolume(CloudState& state, const std::string& id) {
  auto it = state.volumes.find(id);
  if (it == state.volumes.end()) return NotFound("volume " + id + " does not exist");
  Volume old = it->second;
  ASSIGN_OR_RETURN(Volume fresh, CreateVolume(state, old.cluster_id, old.zone, old.tags));
  RemoveTree(old.data_dir);
  state.volumes.erase(id);
  std::cerr << "recreated lost volume " << id << " as " << fresh.id << "\n";
  return Status::Ok();
}

}  // namespace kops::cloud::local
