// A real etcd cluster on loopback for end-to-end tests.
//
// Members get addresses 127.A.B.1..n where A (2..254) and B are random and the ports are
// free when chosen, so parallel runs do not collide; 127.0.0.x is never used. Every
// process is started in its own process group with PR_SET_PDEATHSIG, and ~EtcdCluster /
// ~EtcdProcess SIGKILL the whole group and reap it, so an ASSERT that returns early, or a
// crashed test binary, leaves no etcd behind. Waits are bounded (deadlines in seconds).
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "base/http.h"
#include "etcd/client.h"
#include "etcd/process_spec.h"
#include "support/file_tail.h"

namespace kops::etcd::e2e {

using namespace std::chrono_literals;

// One child process (own process group) whose output goes to log_path. RAII: the
// destructor kills the group with SIGKILL and reaps the child.
class EtcdProcess {
 public:
  EtcdProcess(const std::vector<std::string>& argv, const std::string& log_path)
      : log_path_(log_path) {
    pid_ = fork();
    if (pid_ == 0) {
      setpgid(0, 0);
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (fd >= 0) {
        dup2(fd, 1);
        dup2(fd, 2);
        close(fd);
      }
      std::vector<char*> args;
      for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      execv(args[0], args.data());
      _exit(127);
    }
    if (pid_ > 0) setpgid(pid_, pid_);  // also from the parent: no race with kill()
  }
  EtcdProcess(const EtcdProcess&) = delete;
  EtcdProcess& operator=(const EtcdProcess&) = delete;
  ~EtcdProcess() { Kill(); }

  bool started() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }

  // SIGKILLs the process group and reaps the child; idempotent.
  void Kill() {
    if (pid_ <= 0) return;
    kill(-pid_, SIGKILL);
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  // True once the child has exited (reaping it).
  bool Exited() {
    if (pid_ <= 0) return true;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      kill(-pid_, SIGKILL);
      pid_ = -1;
      return true;
    }
    return false;
  }

  std::string LogTail(size_t lines = 8) const {
    std::string out;
    for (const std::string& line : kops::testing::LastLines(log_path_, lines)) out += "  " + line.substr(0, 240) + "\n";
    return out;
  }

 private:
  pid_t pid_ = -1;
  std::string log_path_;
};

// Whether a TCP port can be bound on address right now.
inline bool PortFree(const std::string& address, int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, address.c_str(), &sa.sin_addr);
  bool ok = bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof(sa)) == 0;
  close(fd);
  return ok;
}

// Polls fn() every 50 ms until it returns true or `limit` passes. Returns fn's last answer.
inline bool WaitFor(std::chrono::milliseconds limit, const std::function<bool()>& fn) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (true) {
    if (fn()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(50ms);
  }
}

struct MemberSlot {
  EtcdProcessSpec spec;
  std::unique_ptr<EtcdProcess> process;
};

class EtcdCluster {
 public:
  static constexpr int kClientPort = 2379;
  static constexpr int kPeerPort = 2380;

  // Picks addresses for up to max_members members and creates a scratch directory.
  explicit EtcdCluster(int max_members = 5) {
    std::random_device rd;
    std::mt19937 rng(rd());
    for (int attempt = 0; attempt < 20; ++attempt) {
      base_ = "127." + std::to_string(2 + rng() % 253) + "." + std::to_string(rng() % 256) + ".";
      bool free = true;
      for (int i = 1; i <= max_members && free; ++i)
        free = PortFree(Address(i), kClientPort) && PortFree(Address(i), kPeerPort);
      if (free) break;
    }
    char tmpl[] = "/tmp/kops-etcd-e2e-XXXXXX";
    dir_ = mkdtemp(tmpl);
    token_ = "kops-e2e-" + std::to_string(rng());
  }
  EtcdCluster(const EtcdCluster&) = delete;
  EtcdCluster& operator=(const EtcdCluster&) = delete;

  ~EtcdCluster() {
    bool failed = ::testing::Test::HasFailure();
    for (MemberSlot& m : members_) {
      if (failed && m.process) {
        std::cerr << "--- etcd " << m.spec.name << " log tail:\n" << m.process->LogTail();
      }
      if (m.process) m.process->Kill();
    }
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }

  std::string Address(int index) const { return base_ + std::to_string(index); }
  const std::string& dir() const { return dir_; }
  // Name of the member with address index i: "m1", "m2", …
  static std::string Name(int index) { return "m" + std::to_string(index); }

  // A spec for member `index` (1-based) with the given initial cluster members.
  EtcdProcessSpec Spec(int index, const std::vector<int>& cluster,
                       EtcdProcessSpec::ClusterState state, const EtcdTlsFiles& client_tls = {},
                       const EtcdTlsFiles& peer_tls = {}) const {
    EtcdProcessSpec s;
    s.name = Name(index);
    s.data_dir = dir_ + "/" + s.name;
    s.address = Address(index);
    s.client_port = kClientPort;
    s.peer_port = kPeerPort;
    s.initial_cluster_token = token_;
    s.state = state;
    s.client_tls = client_tls;
    s.peer_tls = peer_tls;
    for (int i : cluster) {
      EtcdProcessSpec other = s;
      other.address = Address(i);
      s.initial_cluster.emplace_back(Name(i), PeerUrl(other));
    }
    return s;
  }

  // Starts a member from spec and remembers it; returns its slot index.
  int Start(const EtcdProcessSpec& spec) {
    Result<std::vector<std::string>> argv = BuildEtcdArgv(spec);
    EXPECT_TRUE(argv.ok()) << argv.status().message();
    if (!argv.ok()) return -1;
    MemberSlot slot{spec, std::make_unique<EtcdProcess>(*argv, dir_ + "/" + spec.name + ".log")};
    EXPECT_TRUE(slot.process->started()) << "fork failed for " << spec.name;
    members_.push_back(std::move(slot));
    return static_cast<int>(members_.size()) - 1;
  }

  // Starts n members 1..n as a new cluster.
  void StartNew(int n, const EtcdTlsFiles& client_tls = {}, const EtcdTlsFiles& peer_tls = {}) {
    std::vector<int> all;
    for (int i = 1; i <= n; ++i) all.push_back(i);
    for (int i : all)
      Start(Spec(i, all, EtcdProcessSpec::ClusterState::kNew, client_tls, peer_tls));
  }

  MemberSlot* Find(const std::string& name) {
    for (MemberSlot& m : members_)
      if (m.spec.name == name) return &m;
    return nullptr;
  }

  std::vector<std::string> ClientUrls() const {
    std::vector<std::string> out;
    for (const MemberSlot& m : members_) out.push_back(ClientUrl(m.spec));
    return out;
  }

 private:
  std::string base_;
  std::string dir_;
  std::string token_;
  std::vector<MemberSlot> members_;
};

}  // namespace kops::etcd::e2e
