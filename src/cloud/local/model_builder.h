// The local cloud model: from a (defaulted, valid) Cluster and its InstanceGroups, the
// engine tasks `kops update cluster` runs for cloudProvider "local" (local_tasks.h):
//
//   Keypair/<ca>            kubernetes-ca, etcd-clients-ca, and per etcd cluster
//                           etcd-peers-ca-<c> and etcd-manager-ca-<c>: ensured before any
//                           instance starts (every group depends on them)
//   Zone/<zone>             each zone some instance group runs in
//   Volume/<member>.etcd-<c>.<cluster>   one per member per etcd cluster, in the zone of
//                           the member's group, tagged as kops tags EBS volumes
//   LoadBalancer/api.<cluster>           haproxy on :443 in front of the control-plane
//                           groups, health /readyz over TLS
//   AutoscalingGroup/<ig>.masters.<cluster> (control plane) or <ig>.<cluster>: min/max
//                           from the spec, the zones of its subnets, launch =
//                           instance_argv + env KOPS_STATE_STORE, KOPS_API_ENDPOINT (the LB),
//                           KOPS_INSTANCE_DIR=. (the daemon's per-instance directory, removed
//                           with the instance), KOPS_LAUNCH_HASH (LaunchHashOf: changes
//                           with what the group's instances are launched from, so such
//                           changes mark running instances outdated)
//
//   Cleanup/<cluster>        deletions only: the autoscaling groups of instance groups
//                           that left the spec, the detached volumes of etcd members
//                           that left it (dry run: "Will delete items:")
//
// Dependencies: volumes after their zone; groups after the keypairs, their zones, the
// LB (through the endpoint reference) and, for control-plane groups, their volumes.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "api/cluster.h"
#include "api/instance_group.h"
#include "cloud/local/local_tasks.h"
#include "engine/graph.h"

namespace kops::cloud::local {

struct LocalModelInput {
  api::Cluster cluster;                    // defaulted
  std::vector<api::InstanceGroup> groups;  // defaulted
  ClusterRef ref;                          // state store URL + cluster name
  std::vector<std::string> instance_argv;  // e.g. {"/usr/bin/kops", "toolbox", "instance", "run"}
  // Per instance group name: LaunchHashOf the stored (not defaulted) spec.
  std::map<std::string, std::string> launch_hashes;
  store::KeystoreOptions keystore;  // how new CAs are made (tests: small keys)
};

// 16 hex digits over what an instance of the group is launched from: the group's spec and
// the cluster's spec as stored, except the etcd members of other groups and the subnets
// the group does not use (of its own subnets, the name, zone and type). So adding or
// removing control planes (kops scale control-plane) leaves running instances current.
std::string LaunchHashOf(const api::Cluster& cluster, const api::InstanceGroup& group);

// kops' tags of an etcd member's volume (k8s.io/etcd/<c>=<member>/<all members sorted,
// comma separated>, both role tags, kubernetes.io/cluster/<name>=owned).
StringMap EtcdVolumeTags(const std::string& cluster_name, const std::string& etcd_cluster,
                         const std::string& member, std::vector<std::string> all_members);

// The role tags and kops' identifying tags of an instance group's autoscaling group.
StringMap GroupTags(const std::string& cluster_name, const api::InstanceGroup& group,
                    const std::string& task_name);

// Adds every task to graph. reader is what the tasks' Find reads; vfs is the state store
// (keypairs). Both must outlive the graph. InvalidArgument naming the group for a group
// without zones or an etcd member whose group is missing.
Status BuildLocalModel(const LocalModelInput& in, LocalCloudApi& reader, store::Vfs& vfs,
                       engine::Graph& graph);

}  // namespace kops::cloud::local
