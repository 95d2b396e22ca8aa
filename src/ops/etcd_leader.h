// Which instance holds the leader of one etcd cluster (`main`, `events`), as its members
// report it: the observation `validate cluster` makes (ValidationSource::EtcdClusters,
// each member asked over TLS on its own endpoint), read for the member every reachable
// member names as leader. Used by `kops toolbox chaos kill-instance --etcd-leader`.
#pragma once

#include <cstdint>
#include <string>

#include "base/status.h"
#include "ops/validation_source.h"
#include "ops/validation_types.h"

namespace kops::ops {

struct EtcdLeader {
  std::string etcd_cluster;  // "main"
  std::string member;        // spec member name, e.g. "a"
  uint64_t member_id = 0;
  std::string instance_id;  // the running instance that carries the member
  std::string zone;
};

// The leader of c. Errors (kUnavailable), each naming the etcd cluster and what the
// members said: the cluster could not be observed; no member answered; no member knows
// a leader (quorum lost); the members name different leaders; the leader is not a
// member of the spec or has no running instance.
Result<EtcdLeader> LeaderOf(const EtcdClusterObservation& c);

// Observes the etcd clusters through source and returns the leader of etcd_cluster;
// kNotFound naming the spec's etcd clusters when there is none of that name.
Result<EtcdLeader> FindEtcdLeader(ValidationSource& source, const std::string& etcd_cluster);

// The member id as etcd prints it (lower-case hex).
std::string EtcdMemberIdHex(uint64_t id);

}  // namespace kops::ops
