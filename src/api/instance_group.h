// InstanceGroup: the kops.k8s.io/v1alpha2 InstanceGroup object. A control-plane group
// has role Master (kops' v1alpha2 spelling; "ControlPlane" is read as Master).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/cluster_extras.h"
#include "api/components.h"
#include "api/int_or_string.h"
#include "api/meta.h"
#include "api/rolling_update_spec.h"

namespace kops::api {

inline constexpr const char* kRoleMaster = "Master";
inline constexpr const char* kRoleAPIServer = "APIServer";
inline constexpr const char* kRoleNode = "Node";
inline constexpr const char* kRoleBastion = "Bastion";

struct VolumeSpec {
  std::string device;
  std::optional<bool> delete_on_termination;
  std::optional<bool> encrypted;
  std::optional<int64_t> iops;
  std::optional<int64_t> throughput;
  std::optional<std::string> key;
  int64_t size = 0;
  std::string type;
  template <class V>
  void Visit(V& v) {
    v("device", device);
    v("deleteOnTermination", delete_on_termination);
    v("encrypted", encrypted);
    v("iops", iops);
    v("throughput", throughput);
    v("key", key);
    v("size", size);
    v("type", type);
  }
};

struct VolumeMountSpec {
  std::string device;
  std::string filesystem;
  std::vector<std::string> format_options;
  std::vector<std::string> mount_options;
  std::string path;
  template <class V>
  void Visit(V& v) {
    v("device", device);
    v("filesystem", filesystem);
    v("formatOptions", format_options);
    v("mountOptions", mount_options);
    v("path", path);
  }
};

struct UserData {
  std::string name;
  std::string type;
  std::string content;
  template <class V>
  void Visit(V& v) {
    v("name", name);
    v("type", type);
    v("content", content);
  }
};

struct LoadBalancerRef {
  std::optional<std::string> load_balancer_name;
  std::optional<std::string> target_group_arn;
  template <class V>
  void Visit(V& v) {
    v("loadBalancerName", load_balancer_name);
    v("targetGroupArn", target_group_arn);
  }
};

struct InstanceMetadataOptions {
  std::optional<int64_t> http_put_response_hop_limit;
  std::optional<std::string> http_tokens;
  template <class V>
  void Visit(V& v) {
    v("httpPutResponseHopLimit", http_put_response_hop_limit);
    v("httpTokens", http_tokens);
  }
};

struct MixedInstancesPolicySpec {
  std::vector<std::string> instances;
  std::optional<std::string> on_demand_allocation_strategy;
  std::optional<int64_t> on_demand_base;
  std::optional<int64_t> on_demand_above_base;
  std::optional<std::string> spot_allocation_strategy;
  std::optional<int64_t> spot_instance_pools;
  template <class V>
  void Visit(V& v) {
    v("instances", instances);
    v("onDemandAllocationStrategy", on_demand_allocation_strategy);
    v("onDemandBase", on_demand_base);
    v("onDemandAboveBase", on_demand_above_base);
    v("spotAllocationStrategy", spot_allocation_strategy);
    v("spotInstancePools", spot_instance_pools);
  }
};

struct IAMProfileSpec {
  std::optional<std::string> profile;
  template <class V>
  void Visit(V& v) {
    v("profile", profile);
  }
};

struct WarmPoolSpec {
  std::optional<int64_t> min_size;
  std::optional<int64_t> max_size;
  bool enable_lifecycle_hook = false;
  template <class V>
  void Visit(V& v) {
    v("minSize", min_size);
    v("maxSize", max_size);
    v("enableLifecycleHook", enable_lifecycle_hook);
  }
};

struct InstanceGroupSpec {
  std::string manager;  // CloudGroup (default), Karpenter
  std::string role;
  std::string image;
  std::optional<int32_t> min_size;
  std::optional<int32_t> max_size;
  std::optional<bool> autoscale;
  std::string machine_type;
  std::optional<int32_t> root_volume_size;
  std::optional<std::string> root_volume_type;
  std::optional<int32_t> root_volume_iops;
  std::optional<int32_t> root_volume_throughput;
  std::optional<bool> root_volume_optimization;
  std::optional<bool> root_volume_encryption;
  std::optional<std::string> root_volume_encryption_key;
  std::vector<VolumeSpec> volumes;
  std::vector<VolumeMountSpec> volume_mounts;
  std::vector<std::string> subnets;
  std::vector<std::string> zones;
  std::vector<HookSpec> hooks;
  std::optional<std::string> max_price;
  std::optional<std::string> cpu_credits;
  std::optional<bool> associate_public_ip;
  std::vector<std::string> additional_security_groups;
  std::map<std::string, std::string> cloud_labels;
  std::map<std::string, std::string> node_labels;
  std::vector<FileAssetSpec> file_assets;
  std::string tenancy;
  std::optional<KubeletConfigSpec> kubelet;
  std::vector<std::string> taints;
  std::optional<MixedInstancesPolicySpec> mixed_instances_policy;
  std::optional<bool> capacity_rebalance;
  std::vector<UserData> additional_user_data;
  std::vector<std::string> suspend_processes;
  std::vector<LoadBalancerRef> external_load_balancers;
  std::optional<bool> detailed_instance_monitoring;
  std::optional<IAMProfileSpec> iam;
  std::optional<std::string> security_group_override;
  std::optional<bool> instance_protection;
  std::vector<std::string> sysctl_parameters;
  std::optional<RollingUpdateSpec> rolling_update;
  std::optional<std::string> instance_interruption_behavior;
  std::optional<bool> compress_user_data;
  std::optional<InstanceMetadataOptions> instance_metadata;
  std::optional<std::string> update_policy;
  std::optional<WarmPoolSpec> warm_pool;
  std::optional<ContainerdConfig> containerd;
  std::vector<std::string> packages;
  std::optional<std::string> max_instance_lifetime;

  template <class V>
  void Visit(V& v) {
    v("manager", manager);
    v("role", role);
    v("image", image);
    v("minSize", min_size);
    v("maxSize", max_size);
    v("autoscale", autoscale);
    v("machineType", machine_type);
    v("rootVolumeSize", root_volume_size);
    v("rootVolumeType", root_volume_type);
    v("rootVolumeIops", root_volume_iops);
    v("rootVolumeThroughput", root_volume_throughput);
    v("rootVolumeOptimization", root_volume_optimization);
    v("rootVolumeEncryption", root_volume_encryption);
    v("rootVolumeEncryptionKey", root_volume_encryption_key);
    v("volumes", volumes);
    v("volumeMounts", volume_mounts);
    v("subnets", subnets);
    v("zones", zones);
    v("hooks", hooks);
    v("maxPrice", max_price);
    v("cpuCredits", cpu_credits);
    v("associatePublicIp", associate_public_ip);
    v("additionalSecurityGroups", additional_security_groups);
    v("cloudLabels", cloud_labels);
    v("nodeLabels", node_labels);
    v("fileAssets", file_assets);
    v("tenancy", tenancy);
    v("kubelet", kubelet);
    v("taints", taints);
    v("mixedInstancesPolicy", mixed_instances_policy);
    v("capacityRebalance", capacity_rebalance);
    v("additionalUserData", additional_user_data);
    v("suspendProcesses", suspend_processes);
    v("externalLoadBalancers", external_load_balancers);
    v("detailedInstanceMonitoring", detailed_instance_monitoring);
    v("iam", iam);
    v("securityGroupOverride", security_group_override);
    v("instanceProtection", instance_protection);
    v("sysctlParameters", sysctl_parameters);
    v("rollingUpdate", rolling_update);
    v("instanceInterruptionBehavior", instance_interruption_behavior);
    v("compressUserData", compress_user_data);
    v("instanceMetadata", instance_metadata);
    v("updatePolicy", update_policy);
    v("warmPool", warm_pool);
    v("containerd", containerd);
    v("packages", packages);
    v("maxInstanceLifetime", max_instance_lifetime);
  }

  bool IsControlPlane() const { return role == kRoleMaster; }
};

struct InstanceGroup {
  ObjectMeta metadata;
  InstanceGroupSpec spec;

  template <class V>
  void Visit(V& v) {
    v("metadata", metadata);
    v("spec", spec);
  }
  const std::string& name() const { return metadata.name; }
};

}  // namespace kops::api
