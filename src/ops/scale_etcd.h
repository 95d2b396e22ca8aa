// The etcd side of `kops scale control-plane` on the local cloud: reading each etcd
// cluster's membership through the running control-plane instances (client TLS from the
// keystore's etcd-clients-ca, as validate cluster does), removing a member (leadership
// moved away first), and checking that every spec member is a healthy voting member.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "api/cluster.h"
#include "base/http.h"
#include "create/scale_control_plane.h"
#include "etcd/client.h"
#include "ops/local_cloud_facts.h"
#include "store/keystore.h"

namespace kops::ops {

class ScaleEtcd {
 public:
  // http and keystore must outlive this object.
  ScaleEtcd(HttpClient& http, store::Keystore& keystore, Clock& clock);

  // A client of etcd cluster `etcd_cluster` over the running control-plane instances of
  // facts, leaving out the instances of `skip_group` ("" = none).
  Result<std::unique_ptr<etcd::Client>> ClientFor(const std::string& etcd_cluster,
                                                  const LocalCloudFacts& facts,
                                                  const std::string& skip_group = "");

  // The membership of every etcd cluster of the spec that answers (an unreachable one is
  // left out: unknown).
  std::vector<create::EtcdMembershipSeen> Observe(const api::Cluster& cluster,
                                                  const LocalCloudFacts& facts);

  // "" when every spec member of etcd_cluster is a started voting member and every
  // instance's member reports healthy; else what is still missing, e.g.
  // "b is a learner; c not added yet".
  std::string MissingMembers(const api::Cluster& cluster, const std::string& etcd_cluster,
                             const LocalCloudFacts& facts);

  // Removes member `member` from etcd_cluster (OK when it is not listed), moving the
  // leadership to another voting member first when it leads. `group` is its instance
  // group (its instance is not asked).
  Status RemoveMember(const std::string& etcd_cluster, const std::string& member,
                      const std::string& group, const LocalCloudFacts& facts,
                      std::ostream& progress);

  // Whether etcd_cluster lists a member named `member` (or a learner not started yet
  // with the peer URL of that member's instance, as a manager re-adding itself would).
  Result<bool> Lists(const std::string& etcd_cluster, const std::string& member,
                     const LocalCloudFacts& facts, const std::string& skip_group);

 private:
  Result<TlsConfig> Tls();

  HttpClient& http_;
  store::Keystore& keystore_;
  Clock& clock_;
  std::optional<Result<TlsConfig>> tls_;
};

}  // namespace kops::ops
