// Configuration of the Kubernetes components kops runs (a subset of kops' fields: the
// ones the fixtures, create cluster's flags and kops' HA docs use).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kops::api {

struct KubeletConfigSpec {
  std::optional<bool> anonymous_auth;
  std::optional<std::string> authorization_mode;
  std::optional<bool> authentication_token_webhook;
  std::optional<std::string> cgroup_driver;
  std::string cloud_provider;
  std::optional<int32_t> max_pods;
  std::map<std::string, std::string> feature_gates;
  std::string pod_infra_container_image;
  std::optional<std::string> eviction_hard;
  std::map<std::string, std::string> kube_reserved;
  std::map<std::string, std::string> system_reserved;
  std::vector<std::string> taints;
  std::map<std::string, std::string> node_labels;

  template <class V>
  void Visit(V& v) {
    v("anonymousAuth", anonymous_auth);
    v("authorizationMode", authorization_mode);
    v("authenticationTokenWebhook", authentication_token_webhook);
    v("cgroupDriver", cgroup_driver);
    v("cloudProvider", cloud_provider);
    v("maxPods", max_pods);
    v("featureGates", feature_gates);
    v("podInfraContainerImage", pod_infra_container_image);
    v("evictionHard", eviction_hard);
    v("kubeReserved", kube_reserved);
    v("systemReserved", system_reserved);
    v("taints", taints);
    v("nodeLabels", node_labels);
  }
};

// Resource requests and limits every control-plane component accepts.
struct ComponentResources {
  std::optional<std::string> cpu_request;
  std::optional<std::string> cpu_limit;
  std::optional<std::string> memory_request;
  std::optional<std::string> memory_limit;
  template <class V>
  void VisitResources(V& v) {
    v("cpuRequest", cpu_request);
    v("cpuLimit", cpu_limit);
    v("memoryRequest", memory_request);
    v("memoryLimit", memory_limit);
  }
};

struct KubeAPIServerConfig : ComponentResources {
  std::string image;
  std::optional<int32_t> log_level;
  std::string service_node_port_range;
  std::optional<double> audit_webhook_batch_throttle_qps;
  std::vector<std::string> enable_admission_plugins;
  std::vector<std::string> disable_admission_plugins;
  std::map<std::string, std::string> feature_gates;
  std::optional<int32_t> max_requests_inflight;
  std::optional<std::string> service_account_issuer;
  std::vector<std::string> api_audiences;
  std::optional<bool> anonymous_auth;

  template <class V>
  void Visit(V& v) {
    v("image", image);
    v("logLevel", log_level);
    v("serviceNodePortRange", service_node_port_range);
    v("auditWebhookBatchThrottleQps", audit_webhook_batch_throttle_qps);
    v("enableAdmissionPlugins", enable_admission_plugins);
    v("disableAdmissionPlugins", disable_admission_plugins);
    v("featureGates", feature_gates);
    v("maxRequestsInflight", max_requests_inflight);
    v("serviceAccountIssuer", service_account_issuer);
    v("apiAudiences", api_audiences);
    v("anonymousAuth", anonymous_auth);
    VisitResources(v);
  }
};

struct KubeControllerManagerConfig : ComponentResources {
  std::string image;
  std::optional<int32_t> log_level;
  std::optional<int32_t> concurrent_horizontal_pod_autoscaler_syncs;
  std::optional<int32_t> concurrent_job_syncs;
  std::map<std::string, std::string> feature_gates;

  template <class V>
  void Visit(V& v) {
    v("image", image);
    v("logLevel", log_level);
    // kops' own spelling, typo included.
    v("concurrentHorizontalPodAustoscalerSyncs", concurrent_horizontal_pod_autoscaler_syncs);
    v("concurrentJobSyncs", concurrent_job_syncs);
    v("featureGates", feature_gates);
    VisitResources(v);
  }
};

struct KubeSchedulerConfig : ComponentResources {
  std::string image;
  std::optional<int32_t> log_level;
  std::map<std::string, std::string> feature_gates;
  template <class V>
  void Visit(V& v) {
    v("image", image);
    v("logLevel", log_level);
    v("featureGates", feature_gates);
    VisitResources(v);
  }
};

struct KubeProxyConfig : ComponentResources {
  std::string image;
  std::optional<bool> enabled;
  std::string proxy_mode;
  std::map<std::string, std::string> feature_gates;
  template <class V>
  void Visit(V& v) {
    v("image", image);
    v("enabled", enabled);
    v("proxyMode", proxy_mode);
    v("featureGates", feature_gates);
    VisitResources(v);
  }
};

struct CloudControllerManagerConfig : ComponentResources {
  std::string image;
  std::optional<int32_t> concurrent_node_syncs;
  std::optional<int32_t> log_level;
  template <class V>
  void Visit(V& v) {
    v("image", image);
    v("concurrentNodeSyncs", concurrent_node_syncs);
    v("logLevel", log_level);
    VisitResources(v);
  }
};

struct ContainerdConfig {
  std::optional<std::string> version;
  std::optional<std::string> log_level;
  std::optional<std::string> root;
  template <class V>
  void Visit(V& v) {
    v("version", version);
    v("logLevel", log_level);
    v("root", root);
  }
};

}  // namespace kops::api
