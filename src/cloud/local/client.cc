#include "cloud/local/client.h"

#include <unistd.h>

#include "base/file_util.h"
#include "cloud/local/daemon_process.h"
#include "cloud/local/unix_socket.h"

namespace kops::cloud::local {

namespace {

template <typename T, typename F>
Result<T> Decode(const Result<Json>& r, F decode) {
  if (!r.ok()) return r.status();
  return decode(*r);
}

}  // namespace

LocalCloudClient::LocalCloudClient(ClientOptions options, Clock& clock)
    : options_(std::move(options)), clock_(&clock) {
  if (options_.state_dir.empty()) options_.state_dir = DefaultStateDirPath();
  if (options_.socket_path.empty()) options_.socket_path = DaemonSocketPath(options_.state_dir);
  if (options_.daemon_argv.empty()) {
    options_.daemon_argv = {SelfExecutablePath(), "toolbox", "local-cloud", "daemon"};
  }
}

LocalCloudClient LocalCloudClient::ForSocket(const std::string& socket_path) {
  ClientOptions o;
  o.socket_path = socket_path;
  o.state_dir = "-";  // unused without autostart
  o.autostart = false;
  return LocalCloudClient(std::move(o));
}

Result<std::string> LocalCloudClient::RoundTrip(const std::string& line) {
  auto fd = ConnectUnix(options_.socket_path);
  if (!fd.ok() && options_.autostart) {
    RETURN_IF_ERROR(StartDaemon());
    fd = ConnectUnix(options_.socket_path);
  }
  if (!fd.ok()) return fd.status();
  std::string buffer;
  Status st = WriteAll(*fd, line + "\n");
  Result<std::string> answer = st.ok() ? ReadLine(*fd, buffer, options_.call_timeout_ms) : st;
  close(*fd);
  return answer;
}

bool LocalCloudClient::DaemonAnswers() const {
  auto fd = ConnectUnix(options_.socket_path);
  if (!fd.ok()) return false;
  close(*fd);
  return true;
}

Status LocalCloudClient::StartDaemon() {
  RETURN_IF_ERROR(MakeDirs(options_.state_dir, 0700));
  std::vector<std::string> argv = options_.daemon_argv;
  argv.insert(argv.end(), {"--dir", options_.state_dir});
  Clock::TimePoint deadline = clock_->Now() + options_.start_timeout;
  Clock::TimePoint next_spawn = clock_->Now();
  while (clock_->Now() < deadline) {
    if (clock_->Now() >= next_spawn) {
      RETURN_IF_ERROR(SpawnDetached(argv, DaemonLogPath(options_.state_dir)));
      next_spawn = clock_->Now() + std::chrono::seconds(1);
    }
    auto fd = ConnectUnix(options_.socket_path);
    if (fd.ok()) {
      close(*fd);
      return Status::Ok();
    }
    clock_->SleepFor(std::chrono::milliseconds(20));
  }
  return DeadlineExceeded("the local cloud daemon did not answer on " + options_.socket_path +
                          " in time; see " + DaemonLogPath(options_.state_dir));
}

Status LocalCloudClient::DrainBackend(const ClusterRef& ref, const std::string& instance_id) {
  return Call(DrainBackendRequest{ref, instance_id}).status();
}

Result<std::vector<BackendInfo>> LocalCloudClient::DescribeBackends(const ClusterRef& ref) {
  ASSIGN_OR_RETURN(Json j, Call(DescribeBackendsRequest{ref}));
  std::vector<BackendInfo> out;
  for (const Json& b : j.value("backends", Json::array())) {
    if (!b.is_object()) return Internal("DescribeBackends: a backend is not an object");
    out.push_back({b.value("load_balancer", ""), b.value("instance_id", ""), b.value("status", ""),
                   b.value("connections", 0)});
  }
  return out;
}

Result<Json> LocalCloudClient::Call(const Request& request) {
  ASSIGN_OR_RETURN(std::string line, RoundTrip(EncodeRequest(request)));
  ASSIGN_OR_RETURN(std::string result, DecodeResponse(line));
  Json j = Json::parse(result, nullptr, false);
  if (j.is_discarded()) return Internal(MethodName(request) + ": the daemon's result is not JSON");
  return j;
}

Result<Group> LocalCloudClient::CreateGroup(const CreateGroupRequest& r) {
  return Decode<Group>(Call(r), GroupFromJson);
}
Status LocalCloudClient::DeleteGroup(const ClusterRef& ref, const std::string& name) {
  return Call(DeleteGroupRequest{ref, name}).status();
}
Status LocalCloudClient::SetDesired(const ClusterRef& ref, const std::string& name, int desired) {
  return Call(SetDesiredRequest{ref, name, desired}).status();
}

Result<std::vector<InstanceInfo>> LocalCloudClient::DescribeInstances(const ClusterRef& ref,
                                                                      const std::string& group) {
  ASSIGN_OR_RETURN(Json j, Call(DescribeInstancesRequest{ref, group}));
  std::vector<InstanceInfo> out;
  for (const Json& row : j.value("instances", Json::array())) {
    ASSIGN_OR_RETURN(Instance inst, InstanceFromJson(row));
    out.push_back(InstanceInfo{std::move(inst), row.value("group", ""), row.value("role", ""),
                               row.value("outdated", false)});
  }
  return out;
}

Status LocalCloudClient::TerminateInstance(const ClusterRef& ref, const std::string& id, bool force,
                                           bool decrement_desired) {
  return Call(TerminateInstanceRequest{ref, id, decrement_desired, force}).status();
}
Status LocalCloudClient::ZoneDown(const ClusterRef& ref, const std::string& zone) {
  return Call(ZoneDownRequest{ref, zone}).status();
}
Status LocalCloudClient::ZoneUp(const ClusterRef& ref, const std::string& zone) {
  return Call(ZoneUpRequest{ref, zone}).status();
}
Result<Volume> LocalCloudClient::CreateVolume(const ClusterRef& ref, const std::string& zone,
                                              const std::map<std::string, std::string>& tags) {
  return Decode<Volume>(Call(CreateVolumeRequest{ref, zone, tags}), VolumeFromJson);
}
Status LocalCloudClient::LoseVolume(const ClusterRef& ref, const std::string& id) {
  return Call(LoseVolumeRequest{ref, id}).status();
}

Status LocalCloudClient::DeleteVolume(const ClusterRef& ref, const std::string& id) {
  return Call(DeleteVolumeRequest{ref, id}).status();
}

Result<Volume> LocalCloudClient::SetVolumeTags(const ClusterRef& ref, const std::string& id,
                                               const std::map<std::string, std::string>& tags) {
  return Decode<Volume>(Call(SetVolumeTagsRequest{ref, id, tags}), VolumeFromJson);
}

Result<std::vector<Volume>> LocalCloudClient::DescribeVolumes(
    const ClusterRef& ref, const std::map<std::string, std::string>& filters,
    const std::string& zone) {
  ASSIGN_OR_RETURN(Json j, Call(DescribeVolumesRequest{ref, filters, zone}));
  std::vector<Volume> out;
  for (const Json& row : j.value("volumes", Json::array())) {
    ASSIGN_OR_RETURN(Volume v, VolumeFromJson(row));
    out.push_back(std::move(v));
  }
  return out;
}

Status LocalCloudClient::AttachVolume(const ClusterRef& ref, const std::string& volume_id,
                                      const std::string& instance_id) {
  return Call(AttachVolumeRequest{ref, volume_id, instance_id}).status();
}
Result<Volume> LocalCloudClient::ClaimVolume(const std::string& instance_id,
                                             const std::map<std::string, std::string>& filters,
                                             const ClusterRef& ref) {
  return Decode<Volume>(Call(ClaimVolumeRequest{ref, instance_id, filters}), VolumeFromJson);
}
Result<LoadBalancer> LocalCloudClient::EnsureLoadBalancer(const EnsureLoadBalancerRequest& r) {
  return Decode<LoadBalancer>(Call(r), LoadBalancerFromJson);
}

Result<std::vector<std::string>> LocalCloudClient::DeleteCluster(const ClusterRef& ref) {
  ASSIGN_OR_RETURN(Json j, Call(DeleteClusterRequest{ref}));
  return j.value("terminating", std::vector<std::string>{});
}

Result<Json> LocalCloudClient::GetStatus() { return Call(StatusRequest{}); }
Status LocalCloudClient::Shutdown() { return Call(ShutdownRequest{}).status(); }

Status LocalCloudClient::WaitNoLiveInstances(const ClusterRef& ref, Clock::Duration timeout) {
  Clock::TimePoint deadline = clock_->Now() + timeout;
  while (true) {
    ASSIGN_OR_RETURN(auto instances, DescribeInstances(ref));
    int live = 0;
    for (const auto& i : instances) live += i.instance.Live() ? 1 : 0;
    if (live == 0) return Status::Ok();
    if (clock_->Now() >= deadline) {
      return DeadlineExceeded(std::to_string(live) + " instances of " + ref.cluster +
                              " still live");
    }
    clock_->SleepFor(std::chrono::milliseconds(100));
  }
}

}  // namespace kops::cloud::local
