// CreateClusterOptions: everything `kops create cluster` takes, as plain data (kops'
// CreateClusterOptions + NewClusterOptions). The CLI fills it from flags; NewCluster
// (new_cluster.h) turns it into a Cluster and its InstanceGroups.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kops::create {

struct CreateClusterOptions {
  std::string cluster_name;
  std::string state_store;   // the store URL; configBase = state_store + "/" + cluster_name
  std::string config_base;   // overrides the computed configBase when set
  std::string creation_timestamp;  // RFC 3339 UTC; "" = now
  std::string channel = "stable";
  std::string authorization = "RBAC";  // RBAC or AlwaysAllow
  std::string discovery_store;
  std::string kubernetes_version;  // "" = the channel's recommendation
  std::vector<std::string> kubernetes_feature_gates;  // "Gate", "+Gate", "-Gate"

  std::string cloud_provider;  // "" = inferred from zones, then the state store
  std::vector<std::string> zones;
  std::vector<std::string> control_plane_zones;
  int32_t control_plane_count = 0;  // 0 = len(control_plane_zones) or 1
  int32_t api_server_count = 0;
  int32_t node_count = 0;           // 0 = one per zone

  std::vector<std::string> admin_access;  // default 0.0.0.0/0, ::/0
  std::vector<std::string> ssh_access;    // default admin_access
  std::vector<std::string> network_cidrs; // first = networkCIDR, rest additional
  std::string network_id;                 // --vpc / --network-id
  std::vector<std::string> subnet_ids;
  std::vector<std::string> utility_subnet_ids;
  std::string egress;
  bool ipv6 = false;

  std::vector<std::string> etcd_clusters = {"main", "events"};
  std::optional<bool> encrypt_etcd_storage;  // default: true on AWS
  std::string etcd_storage_type;

  std::string networking = "cilium";  // kops' default since 1.26
  std::string topology;               // "" = public (private with --ipv6)
  bool bastion = false;
  std::string dns_type;  // public, private, none; "" = none unless --dns-zone
  std::string dns_zone;
  std::string api_load_balancer_class;  // classic, network
  std::string api_load_balancer_type;   // public, internal
  std::string api_ssl_certificate;
  std::string api_public_name;
  std::string instance_manager = "cloudgroups";  // or karpenter

  std::string image;
  std::string control_plane_image;
  std::string node_image;
  std::string bastion_image;
  std::vector<std::string> control_plane_sizes;
  std::vector<std::string> node_sizes;
  int32_t control_plane_volume_size = 0;
  int32_t node_volume_size = 0;
  std::vector<std::string> control_plane_security_groups;
  std::vector<std::string> node_security_groups;
  std::optional<bool> associate_public_ip;
  std::string control_plane_tenancy;
  std::string node_tenancy;
  std::string cloud_labels;  // "k=v,k2=\"v=2\"" (kops' CSV form)

  std::vector<std::string> sets;    // "cluster.spec.x=v", "instancegroup.spec.y=v"
  std::vector<std::string> unsets;  // "cluster.spec.x"
  std::string ssh_public_key;       // path; registered by the keystore, carried here
};

}  // namespace kops::create
