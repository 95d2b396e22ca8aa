// `kops scale control-plane NAME --zones a,b,c [--count N] [--yes]` for the local cloud.
//
// Observes the spec (state store), the cloud (groups, instances, volumes) and etcd's
// membership, asks the pure planner (create/scale_control_plane.h) for the steps left,
// prints them to `out`, and with yes carries them out one by one, each re-reading what it
// changes, with progress on `progress` (the step, what it waits for, elapsed time):
//   AddToSpec        validated as `kops replace` validates (cluster update rules, the
//                    whole spec), groups written first, then the cluster;
//   Apply            the same code as `update cluster --yes` (cloud/local/update.h);
//   WaitForMembers   until every spec member is a healthy voting member of each etcd
//                    cluster (the instances' etcd managers join as learners one at a
//                    time and promote themselves once caught up);
//   RemoveFromSpec   the group's members out of the cluster, then the group deleted;
//   RemoveEtcdMember the group's instance first taken out of the API load balancer
//                    (drained, then its connections awaited for up to lb_drain_timeout:
//                    its API answers only through its own etcd member, which is about to
//                    leave), then leadership moved away if it leads, MemberRemove, then
//                    checked for a few seconds that its manager (which now reads it left
//                    the spec) does not add it back; its discovery record is removed;
//   DeleteVolumes    once the group's instance is gone, its volumes are deleted (their
//                    member no longer exists) and named on progress.
// No journal: an interrupted run is resumed by running the same command, since the plan is
// derived from the current spec, cloud and etcd membership.
#pragma once

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "cloud/local/model.h"
#include "create/scale_control_plane.h"
#include "ops/local_cloud_facts.h"
#include "store/clientset.h"

namespace kops::ops {

// What the steps read and change besides the state store: the cloud, the apply and each
// etcd cluster's membership (the methods of ScaleEtcd, scale_etcd.h). A seam for the
// step runner's unit tests; the default is the local cloud's daemon, `update cluster
// --yes` and etcd over TLS.
class ScaleBackend {
 public:
  virtual ~ScaleBackend() = default;
  virtual Result<LocalCloudFacts> Facts() = 0;
  virtual Result<std::vector<cloud::local::Volume>> Volumes() = 0;
  virtual Status DeleteVolume(const std::string& volume_id) = 0;
  // Makes the cloud match the spec in the store; progress lines only.
  virtual Status Apply(std::ostream& progress) = 0;
  virtual std::vector<create::EtcdMembershipSeen> Observe(const api::Cluster& cluster,
                                                          const LocalCloudFacts& facts) = 0;
  virtual std::string MissingMembers(const api::Cluster& cluster, const std::string& etcd_cluster,
                                     const LocalCloudFacts& facts) = 0;
  virtual Status RemoveMember(const std::string& etcd_cluster, const std::string& member,
                              const std::string& group, const LocalCloudFacts& facts,
                              std::ostream& progress) = 0;
  virtual Result<bool> Lists(const std::string& etcd_cluster, const std::string& member,
                             const LocalCloudFacts& facts, const std::string& skip_group) = 0;
  // The API load balancer stops sending the instance new connections. kNotFound when it
  // is not one of its backends; kUnavailable when it cannot tell yet (retried).
  virtual Status DrainFromLoadBalancer(const std::string& instance_id) = 0;
  // The connections the API load balancer has open to the instance now (0: none or not
  // a backend).
  virtual Result<int> LoadBalancerConnections(const std::string& instance_id) = 0;
};

struct ScaleControlPlaneOptions {
  std::string cluster_name;
  std::vector<std::string> zones;
  int count = 0;  // 0: one per zone
  bool yes = false;
  store::Clientset* clientset = nullptr;  // required; not owned
  std::string store_url;                  // names the cluster in the local cloud
  std::ostream* out = nullptr;            // the plan; null: progress
  Clock* clock = nullptr;                 // null: the real clock
  ScaleBackend* backend = nullptr;        // null: the local cloud and etcd; not owned
  Clock::Duration member_timeout = std::chrono::minutes(5);
  Clock::Duration instance_timeout = std::chrono::minutes(2);
  // How long a removed instance's drain may wait for its connections to end (then it goes
  // on, saying how many are left).
  Clock::Duration lb_drain_timeout = std::chrono::seconds(15);
};

Status ScaleControlPlane(const ScaleControlPlaneOptions& options, std::ostream& progress);

}  // namespace kops::ops
