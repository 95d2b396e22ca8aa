// Zone address allocation. Each (state store, cluster, zone) gets its own loopback /24,
// 127.A.B.0/24 with (A, B) != (0, 0) — never 127.0.0.0/24, which the host itself uses.
// The preferred range is derived from sha256(store, cluster, zone), so it is the same on
// every run; when it is taken by another key in the table, the next free index is used
// (linear probing, wrapping within 1..65535). The table lives in CloudState::zones, which
// the daemon persists, so the choice is stable for the cluster's life and parallel
// clusters — also from different state stores — never share a range while the daemon
// that owns the table runs them all (one daemon per user).
//
// Each instance gets one address 127.A.B.h, h in 1..254, the lowest not held by a live
// instance of that zone range.
#pragma once

#include <string>

#include "base/status.h"
#include "cloud/local/model.h"

namespace kops::cloud::local {

inline constexpr int kZoneIndexCount = 65535;  // indices 1..65535

// The hash-preferred index (1..65535) for a key, before collision handling.
int PreferredZoneIndex(const std::string& store_url, const std::string& cluster_name,
                       const std::string& zone);

// Returns the range of (ClusterId(store_url, cluster_name), zone), allocating it in
// state.zones when absent. kInvalidArgument for an empty cluster or zone name;
// kFailedPrecondition when all 65535 ranges are taken.
Result<ZoneRange> AllocateZoneRange(CloudState& state, const std::string& store_url,
                                    const std::string& cluster_name, const std::string& zone);

// Removes every range of the cluster (when the cluster is deleted).
void ReleaseZoneRanges(CloudState& state, const std::string& cluster_id);

// An address in the range for a new instance of group_key, never one held by a live
// (not terminated) instance. Addresses stay with their group, as an instance's network
// interface would: the address of the group's last instance in the range when it is free
// (a relaunched control plane keeps its etcd peer URLs, so a whole zone coming back does
// not depend on etcd quorum to update them), else the lowest free address that no other
// group's last instance there had, else the lowest free one. kFailedPrecondition when all
// 254 are in use.
Result<std::string> AllocateInstanceAddress(const CloudState& state, const ZoneRange& range,
                                            const std::string& group_key);

}  // namespace kops::cloud::local
