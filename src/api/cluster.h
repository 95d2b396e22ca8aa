// Cluster: the kops.k8s.io/v1alpha2 Cluster object (field names and omission rules as
// kops writes them; keys are emitted sorted, which is kops' order).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/cluster_extras.h"
#include "api/components.h"
#include "api/etcd_spec.h"
#include "api/meta.h"
#include "api/network_spec.h"
#include "api/rolling_update_spec.h"

namespace kops::api {

inline constexpr const char* kCloudAWS = "aws";
inline constexpr const char* kCloudLocal = "local";

struct ClusterSpec {
  std::string channel;
  std::vector<AddonSpec> addons;
  std::string config_base;
  std::string cloud_provider;
  std::string container_runtime;
  std::string kubernetes_version;
  std::vector<ClusterSubnetSpec> subnets;
  std::string project;
  std::string master_public_name;
  std::string master_internal_name;
  std::string network_cidr;
  std::vector<std::string> additional_network_cidrs;
  std::string network_id;
  std::optional<TopologySpec> topology;
  std::string secret_store;
  std::string key_store;
  std::string config_store;
  std::string dns_zone;
  std::vector<std::string> additional_sans;
  std::string cluster_dns_domain;
  std::string service_cluster_ip_range;
  std::string pod_cidr;
  std::string non_masquerade_cidr;
  std::vector<std::string> ssh_access;
  std::vector<std::string> node_port_access;
  std::optional<EgressProxySpec> egress_proxy;
  std::optional<std::string> ssh_key_name;
  std::vector<std::string> kubernetes_api_access;
  std::optional<bool> isolate_masters;
  std::optional<std::string> update_policy;
  std::map<std::string, std::string> additional_policies;
  std::vector<FileAssetSpec> file_assets;
  std::vector<EtcdClusterSpec> etcd_clusters;
  std::optional<ContainerdConfig> containerd;
  std::optional<KubeAPIServerConfig> kube_api_server;
  std::optional<KubeControllerManagerConfig> kube_controller_manager;
  std::optional<CloudControllerManagerConfig> cloud_controller_manager;
  std::optional<KubeSchedulerConfig> kube_scheduler;
  std::optional<KubeProxyConfig> kube_proxy;
  std::optional<KubeletConfigSpec> kubelet;
  std::optional<KubeletConfigSpec> master_kubelet;
  std::optional<CloudConfiguration> cloud_config;
  std::optional<NodeTerminationHandlerSpec> node_termination_handler;
  std::optional<MetricsServerSpec> metrics_server;
  std::optional<CertManagerSpec> cert_manager;
  std::optional<NetworkingSpec> networking;
  std::optional<AccessSpec> api;
  std::optional<AuthenticationSpec> authentication;
  std::optional<AuthorizationSpec> authorization;
  std::map<std::string, std::string> cloud_labels;
  std::vector<HookSpec> hooks;
  std::optional<IAMSpec> iam;
  std::optional<bool> encryption_config;
  std::optional<TargetSpec> target;
  std::vector<std::string> sysctl_parameters;
  std::optional<RollingUpdateSpec> rolling_update;
  std::optional<ServiceAccountIssuerDiscoveryConfig> service_account_issuer_discovery;
  std::optional<ServiceOIDCProviderSpec> service_oidc_provider;
  std::optional<KarpenterSpec> karpenter;

  template <class V>
  void Visit(V& v) {
    v("channel", channel);
    v("addons", addons);
    v("configBase", config_base);
    v("cloudProvider", cloud_provider);
    v("containerRuntime", container_runtime);
    v("kubernetesVersion", kubernetes_version);
    v("subnets", subnets);
    v("project", project);
    v("masterPublicName", master_public_name);
    v("masterInternalName", master_internal_name);
    v("networkCIDR", network_cidr);
    v("additionalNetworkCIDRs", additional_network_cidrs);
    v("networkID", network_id);
    v("topology", topology);
    v("secretStore", secret_store);
    v("keyStore", key_store);
    v("configStore", config_store);
    v("dnsZone", dns_zone);
    v("additionalSans", additional_sans);
    v("clusterDNSDomain", cluster_dns_domain);
    v("serviceClusterIPRange", service_cluster_ip_range);
    v("podCIDR", pod_cidr);
    v("nonMasqueradeCIDR", non_masquerade_cidr);
    v("sshAccess", ssh_access);
    v("nodePortAccess", node_port_access);
    v("egressProxy", egress_proxy);
    v("sshKeyName", ssh_key_name);
    v("kubernetesApiAccess", kubernetes_api_access);
    v("isolateMasters", isolate_masters);
    v("updatePolicy", update_policy);
    v("additionalPolicies", additional_policies);
    v("fileAssets", file_assets);
    v("etcdClusters", etcd_clusters);
    v("containerd", containerd);
    v("kubeAPIServer", kube_api_server);
    v("kubeControllerManager", kube_controller_manager);
    v("cloudControllerManager", cloud_controller_manager);
    v("kubeScheduler", kube_scheduler);
    v("kubeProxy", kube_proxy);
    v("kubelet", kubelet);
    v("masterKubelet", master_kubelet);
    v("cloudConfig", cloud_config);
    v("nodeTerminationHandler", node_termination_handler);
    v("metricsServer", metrics_server);
    v("certManager", cert_manager);
    v("networking", networking);
    v("api", api);
    v("authentication", authentication);
    v("authorization", authorization);
    v("cloudLabels", cloud_labels);
    v("hooks", hooks);
    v("iam", iam);
    v("encryptionConfig", encryption_config);
    v("target", target);
    v("sysctlParameters", sysctl_parameters);
    v("rollingUpdate", rolling_update);
    v("serviceAccountIssuerDiscovery", service_account_issuer_discovery);
    v("serviceOIDCProvider", service_oidc_provider);
    v("karpenter", karpenter);
  }
};

struct Cluster {
  ObjectMeta metadata;
  ClusterSpec spec;

  template <class V>
  void Visit(V& v) {
    v("metadata", metadata);
    v("spec", spec);
  }
  const std::string& name() const { return metadata.name; }
};

}  // namespace kops::api
