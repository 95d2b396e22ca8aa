#include "cloud/local/lb_manager.h"

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "base/file_util.h"
#include "base/strings.h"
#include "cloud/local/haproxy_config.h"
#include "cloud/local/unix_socket.h"

namespace kops::cloud::local {

LoadBalancerManager::LoadBalancerManager(ProcessRunner& runner, const StateDir& dir, Clock& clock,
                                         std::string haproxy_path, HaproxyRuntime runtime)
    : runner_(runner),
      dir_(dir),
      clock_(clock),
      haproxy_path_(std::move(haproxy_path)),
      runtime_(runtime ? std::move(runtime) : HaproxyRuntime(HaproxyRuntimeCommand)) {}

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
  std::set<std::string> names;
  for (const auto& b : config.backends) names.insert(b.name);
  std::erase_if(lb.registered, [&](const std::string& id) { return !names.count(id); });
  for (const auto& b : config.backends)
    if (!lb.registered.count(b.name)) config.initial.insert(b.name);
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
    // Servers registered through the runtime API since the last load need no reload.
    if (changed && !(old.ok() && DiffersOnlyInRegistrations(*old, text))) {
      std::cerr << "lb " << lb.Key() << ": reloading haproxy (" << config.backends.size()
                << " backends, " << config.initial.size() << " not registered yet)\n";
      (void)runner_.Kill(handle, SIGUSR2, /*group=*/false);
      Signalled(lb);
      return;  // the old worker may still answer: register on a later Sync
    }
    Register(lb, config.backends, config.initial);
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
  Signalled(lb);
}

void LoadBalancerManager::Signalled(const LoadBalancer& lb) { signalled_[lb.Key()] = clock_.Now(); }

void LoadBalancerManager::Register(LoadBalancer& lb, const std::vector<LoadBalancerBackend>& backends,
                                   const std::set<std::string>& initial) {
  auto last = signalled_.find(lb.Key());
  const Clock::Duration since =
      last == signalled_.end() ? Clock::Duration::max() : clock_.Now() - last->second;
  const bool verifying = since < kVerifyFor;
  if (initial.empty() && !verifying) return;
  auto stats = ServerStats(lb);
  if (!stats.ok()) return;  // not answering yet (starting): the next Sync asks again
  std::set<std::string> loaded, listed;
  for (const HaproxyServerStat& s : *stats)
    if (!EndsWith(s.name, kHaproxyFailOpenSuffix)) loaded.insert(s.name);
  for (const auto& b : backends) listed.insert(b.name);
  if (loaded != listed) {
    // The worker answering has not loaded the config: still reloading, or the signal was
    // lost (haproxy drops a SIGUSR2 that arrives while it reloads). Signal again.
    if (since >= kResignalAfter && lb.haproxy_pid != 0) {
      std::cerr << "lb " << lb.Key() << ": haproxy serves " << loaded.size() << " servers, the config lists "
                << listed.size() << ": reloading again\n";
      (void)runner_.Kill(ProcessHandle{lb.haproxy_pid, lb.haproxy_start_ticks}, SIGUSR2, /*group=*/false);
      Signalled(lb);
    }
    return;  // register against the worker that loaded this config
  }
  for (const HaproxyServerStat& s : *stats) {
    if (!listed.count(s.name)) continue;  // a fail-open backup, or a server this config no longer has
    bool fresh = initial.count(s.name) > 0;
    bool held = s.status.rfind("DRAIN", 0) == 0 || s.status.rfind("MAINT", 0) == 0;
    if (fresh ? !PassedHealthCheck(s) : (!verifying || s.weight != 0 || held)) continue;
    auto answer = runtime_(dir_.LoadBalancerDir(lb.Key()) + "/admin.sock", HaproxyRegisterCommand(s.name));
    if (!answer.ok() || answer->find_first_not_of("\n ") != std::string::npos) {
      std::cerr << "lb " << lb.Key() << ": register " << s.name << ": "
                << (answer.ok() ? *answer : answer.status().message()) << "\n";
      continue;
    }
    if (fresh) {
      lb.registered.insert(s.name);
      std::cerr << "lb " << lb.Key() << ": " << s.name << " passed its health check: registered\n";
    }
  }
}

void LoadBalancerManager::Drain(const CloudState& state, const std::string& instance_id) {
  if (haproxy_path_.empty()) return;
  for (const auto& [key, lb] : state.load_balancers) {
    for (const auto& b : Backends(state, lb)) {
      if (b.name != instance_id) continue;
      auto answer = runtime_(dir_.LoadBalancerDir(key) + "/admin.sock", HaproxyDrainCommand(instance_id));
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
      ASSIGN_OR_RETURN(std::string answer,
                       runtime_(dir_.LoadBalancerDir(key) + "/admin.sock", HaproxyDrainCommand(instance_id)));
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
  ASSIGN_OR_RETURN(std::string csv, runtime_(dir_.LoadBalancerDir(lb.Key()) + "/admin.sock", kHaproxyShowStatCommand));
  return ParseHaproxyStat(csv);
}

void LoadBalancerManager::Stop(LoadBalancer& lb) {
  ProcessHandle handle{lb.haproxy_pid, lb.haproxy_start_ticks};
  if (lb.haproxy_pid != 0) {
    (void)runner_.Kill(handle, SIGTERM);
    (void)runner_.Reap(handle, /*wait=*/true);  // haproxy exits promptly on SIGTERM
  }
  lb.haproxy_pid = 0;
  signalled_.erase(lb.Key());
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
