// The seams of the etcd manager (manager.h): membership calls, peer discovery, and the
// etcd process. Real implementations: EtcdClusterApi (manager_cluster_api.h),
// ForkEtcdLauncher (manager_process.h); discovery over the state store lives in
// src/instance. Fakes for tests: manager_fakes.h.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "etcd/types.h"

namespace kops::etcd {

// Membership and health calls against a set of client endpoints (failover among them).
class ClusterApi {
 public:
  using Endpoints = std::vector<std::string>;
  virtual ~ClusterApi() = default;
  virtual Result<std::vector<Member>> MemberList(const Endpoints& endpoints) = 0;
  virtual Result<MemberAddResponse> MemberAddLearner(const Endpoints& endpoints,
                                                     const std::string& peer_url) = 0;
  // kNotFound when no member has that id.
  virtual Status MemberRemove(const Endpoints& endpoints, uint64_t id) = 0;
  // kFailedPrecondition while the learner is not in sync.
  virtual Status MemberPromote(const Endpoints& endpoints, uint64_t id) = 0;
  virtual Status MemberUpdatePeerUrl(const Endpoints& endpoints, uint64_t id,
                                     const std::string& peer_url) = 0;
  // true when the member at endpoint has a leader and serves.
  virtual Result<bool> Health(const std::string& endpoint) = 0;
};

// Where the members of one etcd cluster publish their URLs, and the marker that the
// cluster was formed (kops etcd-manager's control/etcd-cluster-created).
struct PeerRecord {
  std::string name;
  std::string peer_url;
  std::string client_url;
};

class PeerDiscovery {
 public:
  virtual ~PeerDiscovery() = default;
  virtual Status Publish(const PeerRecord& self) = 0;
  virtual Result<std::vector<PeerRecord>> List() = 0;
  virtual Result<bool> IsCreated() = 0;
  virtual Status MarkCreated() = 0;
};

// A started etcd process. The destructor kills it (and its process group) if running.
class EtcdProcess {
 public:
  virtual ~EtcdProcess() = default;
  // nullopt while running; else the exit code (>= 0) or -signal.
  virtual std::optional<int> Poll() = 0;
  virtual void Kill() = 0;
  // The end of its output (for "permanently removed" and error reports).
  virtual std::string OutputTail() = 0;
};

class EtcdLauncher {
 public:
  virtual ~EtcdLauncher() = default;
  // argv[0] is the binary; output (stdout+stderr) is appended to log_path.
  virtual Result<std::unique_ptr<EtcdProcess>> Start(const std::vector<std::string>& argv,
                                                     const std::string& log_path) = 0;
};

}  // namespace kops::etcd
