// The smaller parts of a cluster spec: IAM, authentication, authorization, cloud
// configuration, add-ons, hooks, terraform target settings, OIDC.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kops::api {

struct AddonSpec {
  std::string manifest;
  template <class V>
  void Visit(V& v) {
    v("manifest", manifest);
  }
};

struct AWSPermission {
  std::vector<std::string> policy_arns;
  std::string inline_policy;
  template <class V>
  void Visit(V& v) {
    v("policyARNs", policy_arns);
    v("inlinePolicy", inline_policy);
  }
};

struct ServiceAccountExternalPermission {
  std::string name;
  std::string namespace_;
  std::optional<AWSPermission> aws;
  template <class V>
  void Visit(V& v) {
    v("name", name);
    v("namespace", namespace_);
    v("aws", aws);
  }
};

struct IAMSpec {
  std::optional<bool> legacy;
  bool allow_container_registry = false;
  std::optional<std::string> permissions_boundary;
  std::optional<bool> use_service_account_external_permissions;
  std::vector<ServiceAccountExternalPermission> service_account_external_permissions;
  template <class V>
  void Visit(V& v) {
    v("legacy", legacy);
    v("allowContainerRegistry", allow_container_registry);
    v("permissionsBoundary", permissions_boundary);
    v("useServiceAccountExternalPermissions", use_service_account_external_permissions);
    v("serviceAccountExternalPermissions", service_account_external_permissions);
  }
};

struct AWSIdentityMapping {
  std::string arn;
  std::string username;
  std::vector<std::string> groups;
  template <class V>
  void Visit(V& v) {
    v("arn", arn);
    v("username", username);
    v("groups", groups);
  }
};

struct AWSAuthenticationSpec {
  std::string image;
  std::string backend_mode;
  std::string cluster_id;
  std::vector<AWSIdentityMapping> identity_mappings;
  template <class V>
  void Visit(V& v) {
    v("image", image);
    v("backendMode", backend_mode);
    v("clusterID", cluster_id);
    v("identityMappings", identity_mappings);
  }
};

struct EmptySpec {
  template <class V>
  void Visit(V&) {}
};

struct AuthenticationSpec {
  std::optional<EmptySpec> kopeio;
  std::optional<AWSAuthenticationSpec> aws;
  std::optional<EmptySpec> oidc;
  template <class V>
  void Visit(V& v) {
    v("kopeio", kopeio);
    v("aws", aws);
    v("oidc", oidc);
  }
};

struct AuthorizationSpec {
  std::optional<EmptySpec> always_allow;
  std::optional<EmptySpec> rbac;
  template <class V>
  void Visit(V& v) {
    v("alwaysAllow", always_allow);
    v("rbac", rbac);
  }
};

struct EBSCSIDriverSpec {
  std::optional<bool> enabled;
  std::optional<std::string> version;
  template <class V>
  void Visit(V& v) {
    v("enabled", enabled);
    v("version", version);
  }
};

struct CloudConfiguration {
  std::optional<bool> manage_storage_classes;
  std::optional<EBSCSIDriverSpec> aws_ebs_csi_driver;
  std::optional<std::string> elb_security_group;
  template <class V>
  void Visit(V& v) {
    v("manageStorageClasses", manage_storage_classes);
    v("awsEBSCSIDriver", aws_ebs_csi_driver);
    v("elbSecurityGroup", elb_security_group);
  }
};

struct NodeTerminationHandlerSpec {
  std::optional<bool> enabled;
  std::optional<bool> enable_spot_interruption_draining;
  std::optional<bool> enable_scheduled_event_draining;
  std::optional<bool> enable_rebalance_monitoring;
  std::optional<bool> enable_sqs_termination_draining;
  std::optional<std::string> managed_asg_tag;
  std::optional<std::string> cpu_request;
  std::optional<std::string> memory_request;
  template <class V>
  void Visit(V& v) {
    v("enabled", enabled);
    v("enableSpotInterruptionDraining", enable_spot_interruption_draining);
    v("enableScheduledEventDraining", enable_scheduled_event_draining);
    v("enableRebalanceMonitoring", enable_rebalance_monitoring);
    v("enableSQSTerminationDraining", enable_sqs_termination_draining);
    v("managedASGTag", managed_asg_tag);
    v("cpuRequest", cpu_request);
    v("memoryRequest", memory_request);
  }
};

struct TerraformSpec {
  std::map<std::string, std::string> provider_extra_config;
  std::map<std::string, std::string> files_provider_extra_config;
  template <class V>
  void Visit(V& v) {
    v("providerExtraConfig", provider_extra_config);
    v("filesProviderExtraConfig", files_provider_extra_config);
  }
};

struct TargetSpec {
  std::optional<TerraformSpec> terraform;
  template <class V>
  void Visit(V& v) {
    v("terraform", terraform);
  }
};

struct ServiceOIDCProviderSpec {
  std::string issuer_url;
  std::vector<std::string> issuer_ca_thumbprints;
  template <class V>
  void Visit(V& v) {
    v("issuerURL", issuer_url);
    v("issuerCAThumbprints", issuer_ca_thumbprints);
  }
};

struct ServiceAccountIssuerDiscoveryConfig {
  std::string discovery_store;
  bool enable_aws_oidc_provider = false;
  std::vector<std::string> additional_audiences;
  template <class V>
  void Visit(V& v) {
    v("discoveryStore", discovery_store);
    v("enableAWSOIDCProvider", enable_aws_oidc_provider);
    v("additionalAudiences", additional_audiences);
  }
};

struct HookSpec {
  std::string name;
  bool disabled = false;
  std::vector<std::string> roles;
  std::vector<std::string> requires_;
  std::vector<std::string> before;
  std::string manifest;
  template <class V>
  void Visit(V& v) {
    v("name", name);
    v("disabled", disabled);
    v("roles", roles);
    v("requires", requires_);
    v("before", before);
    v("manifest", manifest);
  }
};

struct FileAssetSpec {
  std::string name;
  std::string path;
  std::vector<std::string> roles;
  std::string content;
  bool is_base64 = false;
  template <class V>
  void Visit(V& v) {
    v("name", name);
    v("path", path);
    v("roles", roles);
    v("content", content);
    v("isBase64", is_base64);
  }
};

struct HTTPProxySpec {
  std::string host;
  int32_t port = 0;
  template <class V>
  void Visit(V& v) {
    v("host", host);
    v("port", port);
  }
};

struct EgressProxySpec {
  HTTPProxySpec http_proxy;
  std::string excludes;
  template <class V>
  void Visit(V& v) {
    v("httpProxy", http_proxy);
    v("excludes", excludes);
  }
};

struct KarpenterSpec {
  bool enabled = false;
  template <class V>
  void Visit(V& v) {
    v("enabled", enabled);
  }
};

struct MetricsServerSpec {
  std::optional<bool> enabled;
  std::optional<bool> insecure;
  template <class V>
  void Visit(V& v) {
    v("enabled", enabled);
    v("insecure", insecure);
  }
};

struct CertManagerSpec {
  std::optional<bool> enabled;
  std::optional<bool> managed;
  template <class V>
  void Visit(V& v) {
    v("enabled", enabled);
    v("managed", managed);
  }
};

}  // namespace kops::api
