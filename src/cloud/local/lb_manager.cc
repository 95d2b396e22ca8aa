#include "cloud/local/lb_manager.h"

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "base/file_util.h"
#include "cloud/local/haproxy_config.h"
#include "cloud/local/unix_socket.h"

namespace kops::cloud::local {

std::vector<LoadBalancerBackend> LoadBalancerManager::Backends(const CloudState& state,
                                                               const LoadBalancer& lb) {
  std::vector<LoadBalancerBackend> out;
  for (const auto& [id, i] : state.instances) {
    if (i.state != InstanceState::kRunning) continue;
    for (const auto& key : lb.group_keys) {
      if (i.group_key == key) out.push_back({id, i.address, lb.backend_port});
    }
  }
  return out;
}

void LoadBalancerManager::Sync(CloudState& state) {
  if (haproxy_path_.empty()) return;
  for (auto& [key, lb] : state.load_balancers) SyncOne(state, lb);
}

void LoadBalancerManager::SyncOne(const CloudState& state, LoadBalancer& lb) {
  std::string dir = dir_.LoadBalancerDir(lb.Key());
  if (Status st = MakeDirs(dir, 0700); !st.ok()) {
    std::cerr << "lb " << lb.Key() << ": " << st.message() << "\n";
    return;
  }
  HaproxyConfig config;
  config.frontend_address = lb.address;
  config.frontend_port = lb.port;
  config.backends = Backends(state, lb);
  config.health_check_path = lb.health_check_path;
  config.runtime_socket = dir + "/admin.sock";
  config.pid_file = dir + "/haproxy.pid";
  std::string text = RenderHaproxyConfig(config);
  std::string cfg = dir + "/haproxy.cfg";
  auto old = ReadFile(cfg);
  bool changed = !old.ok() || *old != text;
  if (changed) {
    if (Status st = WriteFileAtomic(cfg, text, 0600); !st.ok()) {
      std::cerr << "lb " << lb.Key() << ": " << st.message() << "\n";
      return;
    }
  }
  ProcessHandle handle{lb.haproxy_pid, lb.haproxy_start_ticks};
  if (lb.haproxy_pid != 0 && runner_.IsAlive(handle)) {
    if (changed) {
      std::cerr << "lb " << lb.Key() << ": reloading haproxy (" << config.backends.size()
                << " backends)\n";
      (void)runner_.Kill(handle, SIGUSR2, /*group=*/false);
    }
    return;
  }
  if (lb.haproxy_pid != 0) (void)runner_.Reap(handle);
  auto started = runner_.Start(
      ProcessSpec{{haproxy_path_, "-W", "-db", "-f", cfg}, {}, dir, dir + "/haproxy.log"});
  if (!started.ok()) {
    std::cerr << "lb " << lb.Key() << ": " << started.status().message() << "\n";
    lb.haproxy_pid = 0;
    return;
  }
  std::cerr << "lb " << lb.Key() << ": haproxy " << started->pid << " on " << lb.address << ":"
            << lb.port << "\n";
  lb.haproxy_pid = started->pid;
  lb.haproxy_start_ticks = started->start_ticks;
}

void LoadBalancerManager::Drain(const CloudState& state, const std::string& instance_id) {
  if (haproxy_path_.empty()) return;
  for (const auto& [key, lb] : state.load_balancers) {
    for (const auto& b : Backends(state, lb)) {
      if (b.name != instance_id) continue;
      auto answer = HaproxyRuntimeCommand(dir_.LoadBalancerDir(key) + "/admin.sock",
                                          HaproxyDrainCommand(instance_id));
      if (!answer.ok())
        std::cerr << "lb " << key << ": drain: " << answer.status().message() << "\n";
    }
  }
}

Status LoadBalancerManager::DrainOrError(const CloudState& state, const std::string& instance_id) {
  bool found = false;
  for (const auto& [key, lb] : state.load_balancers) {
    for (const auto& b : Backends(state, lb)) {
      if (b.name != instance_id || haproxy_path_.empty()) continue;
      found = true;
      ASSIGN_OR_RETURN(std::string answer, HaproxyRuntimeCommand(dir_.LoadBalancerDir(key) + "/admin.sock",
                                                                 HaproxyDrainCommand(instance_id)));
      // haproxy answers an empty line on success, a message otherwise.
      if (answer.find_first_not_of("\n ") != std::string::npos) {
        // "No such server": the running haproxy has not loaded the config that lists this
        // instance (a reload signalled while haproxy was starting or reloading is lost).
        // Signal the reload again; the caller retries while this is Unavailable.
        if (answer.find("No such server") != std::string::npos && lb.haproxy_pid != 0) {
          (void)runner_.Kill(ProcessHandle{lb.haproxy_pid, lb.haproxy_start_ticks}, SIGUSR2, /*group=*/false);
        }
        return Unavailable("load balancer " + lb.name + ": drain " + instance_id + ": " + answer);
      }
    }
  }
  if (!found) return NotFound("no load balancer has instance " + instance_id + " as a running backend");
  return Status::Ok();
}

Result<std::vector<HaproxyServerStat>> LoadBalancerManager::ServerStats(const LoadBalancer& lb) const {
  if (haproxy_path_.empty()) return FailedPrecondition("haproxy is disabled in this daemon");
  ASSIGN_OR_RETURN(std::string csv, HaproxyRuntimeCommand(dir_.LoadBalancerDir(lb.Key()) + "/admin.sock",
                                                          kHaproxyShowStatCommand));
  return ParseHaproxyStat(csv);
}

void LoadBalancerManager::Stop(LoadBalancer& lb) {
  ProcessHandle handle{lb.haproxy_pid, lb.haproxy_start_ticks};
  if (lb.haproxy_pid != 0) {
    (void)runner_.Kill(handle, SIGTERM);
    (void)runner_.Reap(handle, /*wait=*/true);  // haproxy exits promptly on SIGTERM
  }
  lb.haproxy_pid = 0;
  std::error_code ec;
  std::filesystem::remove_all(dir_.LoadBalancerDir(lb.Key()), ec);
}

Result<std::string> HaproxyRuntimeCommand(const std::string& socket_path,
                                          const std::string& command) {
  ASSIGN_OR_RETURN(int fd, ConnectUnix(socket_path));
  Status st = WriteAll(fd, command);
  std::string answer, buffer;
  while (st.ok()) {
    auto line = ReadLine(fd, buffer, 2000);
    if (!line.ok()) break;  // haproxy closes after answering
    answer += *line + "\n";
  }
  close(fd);
  RETURN_IF_ERROR(st);
  return answer;
}

}  // namespace kops::cloud::local
