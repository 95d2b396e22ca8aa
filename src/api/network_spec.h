// Network layout of a cluster: subnets, topology, API access and networking providers.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kops::api {

inline constexpr const char* kSubnetPublic = "Public";
inline constexpr const char* kSubnetPrivate = "Private";
inline constexpr const char* kSubnetUtility = "Utility";
inline constexpr const char* kSubnetDualStack = "DualStack";

struct RouteSpec {
  std::string cidr;
  std::string target;
  template <class V>
  void Visit(V& v) {
    v("cidr", cidr);
    v("target", target);
  }
};

struct ClusterSubnetSpec {
  std::string name;
  std::string cidr;
  std::string ipv6_cidr;
  std::string zone;
  std::string region;
  std::string id;  // shared subnet id (kops' "id")
  std::string egress;
  std::string type;  // Public, Private, Utility, DualStack
  std::string public_ip;
  std::vector<RouteSpec> additional_routes;

  template <class V>
  void Visit(V& v) {
    v("name", name);
    v("cidr", cidr);
    v("ipv6CIDR", ipv6_cidr);
    v("zone", zone);
    v("region", region);
    v("id", id);
    v("egress", egress);
    v("type", type);
    v("publicIP", public_ip);
    v("additionalRoutes", additional_routes);
  }
};

struct DNSSpec {
  std::string type;  // Public, Private, None
  template <class V>
  void Visit(V& v) {
    v("type", type);
  }
};

struct BastionLoadBalancerSpec {
  std::vector<std::string> additional_security_groups;
  std::string type;
  template <class V>
  void Visit(V& v) {
    v("additionalSecurityGroups", additional_security_groups);
    v("type", type);
  }
};

struct BastionSpec {
  std::string public_name;
  std::optional<int64_t> idle_timeout_seconds;
  std::optional<BastionLoadBalancerSpec> load_balancer;
  template <class V>
  void Visit(V& v) {
    v("bastionPublicName", public_name);
    v("idleTimeoutSeconds", idle_timeout_seconds);
    v("loadBalancer", load_balancer);
  }
};

struct TopologySpec {
  std::string masters;  // legacy: "public" or "private"
  std::string nodes;
  std::optional<BastionSpec> bastion;
  std::optional<DNSSpec> dns;
  template <class V>
  void Visit(V& v) {
    v("masters", masters);
    v("nodes", nodes);
    v("bastion", bastion);
    v("dns", dns);
  }
};

struct LoadBalancerSubnetSpec {
  std::string name;
  std::optional<std::string> private_ipv4_address;
  std::optional<std::string> allocation_id;
  template <class V>
  void Visit(V& v) {
    v("name", name);
    v("privateIPv4Address", private_ipv4_address);
    v("allocationId", allocation_id);
  }
};

struct AccessLogSpec {
  std::optional<int64_t> interval;
  std::string bucket;
  std::string bucket_prefix;
  template <class V>
  void Visit(V& v) {
    v("interval", interval);
    v("bucket", bucket);
    v("bucketPrefix", bucket_prefix);
  }
};

struct LoadBalancerAccessSpec {
  std::string class_;  // Classic or Network
  std::string type;    // Public or Internal
  std::optional<int64_t> idle_timeout_seconds;
  std::optional<std::string> security_group_override;
  std::vector<std::string> additional_security_groups;
  bool use_for_internal_api = false;
  std::string ssl_certificate;
  std::string ssl_policy;
  std::optional<bool> cross_zone_load_balancing;
  std::vector<LoadBalancerSubnetSpec> subnets;
  std::optional<AccessLogSpec> access_log;
  template <class V>
  void Visit(V& v) {
    v("class", class_);
    v("type", type);
    v("idleTimeoutSeconds", idle_timeout_seconds);
    v("securityGroupOverride", security_group_override);
    v("additionalSecurityGroups", additional_security_groups);
    v("useForInternalApi", use_for_internal_api);
    v("sslCertificate", ssl_certificate);
    v("sslPolicy", ssl_policy);
    v("crossZoneLoadBalancing", cross_zone_load_balancing);
    v("subnets", subnets);
    v("accessLog", access_log);
  }
};

struct DNSAccessSpec {
  template <class V>
  void Visit(V&) {}
};

struct AccessSpec {
  std::optional<DNSAccessSpec> dns;
  std::optional<LoadBalancerAccessSpec> load_balancer;
  template <class V>
  void Visit(V& v) {
    v("dns", dns);
    v("loadBalancer", load_balancer);
  }
};

// A networking provider with no settings kops' users commonly set ({}).
struct EmptyProviderSpec {
  template <class V>
  void Visit(V&) {}
};

struct CNINetworkingSpec {
  bool uses_secondary_ip = false;
  template <class V>
  void Visit(V& v) {
    v("usesSecondaryIP", uses_secondary_ip);
  }
};

struct CalicoNetworkingSpec {
  std::string registry;
  std::string version;
  std::string aws_src_dst_check;
  std::string encapsulation_mode;
  std::string ipip_mode;
  std::string vxlan_mode;
  std::optional<int32_t> mtu;
  bool cross_subnet = false;
  std::optional<int32_t> typha_replicas;
  bool bpf_enabled = false;
  template <class V>
  void Visit(V& v) {
    v("registry", registry);
    v("version", version);
    v("awsSrcDstCheck", aws_src_dst_check);
    v("encapsulationMode", encapsulation_mode);
    v("ipipMode", ipip_mode);
    v("vxlanMode", vxlan_mode);
    v("mtu", mtu);
    v("crossSubnet", cross_subnet);
    v("typhaReplicas", typha_replicas);
    v("bpfEnabled", bpf_enabled);
  }
};

struct CiliumNetworkingSpec {
  std::string version;
  std::string ipam;
  std::string tunnel;
  bool enable_node_port = false;
  std::optional<bool> enable_prometheus_metrics;
  template <class V>
  void Visit(V& v) {
    v("version", version);
    v("ipam", ipam);
    v("tunnel", tunnel);
    v("enableNodePort", enable_node_port);
    v("enablePrometheusMetrics", enable_prometheus_metrics);
  }
};

struct FlannelNetworkingSpec {
  std::string backend;
  template <class V>
  void Visit(V& v) {
    v("backend", backend);
  }
};

struct NetworkingSpec {
  std::optional<EmptyProviderSpec> classic;
  std::optional<EmptyProviderSpec> kubenet;
  std::optional<EmptyProviderSpec> external;
  std::optional<CNINetworkingSpec> cni;
  std::optional<EmptyProviderSpec> kopeio;
  std::optional<EmptyProviderSpec> weave;
  std::optional<FlannelNetworkingSpec> flannel;
  std::optional<CalicoNetworkingSpec> calico;
  std::optional<EmptyProviderSpec> canal;
  std::optional<EmptyProviderSpec> kuberouter;
  std::optional<EmptyProviderSpec> amazonvpc;
  std::optional<CiliumNetworkingSpec> cilium;
  std::optional<EmptyProviderSpec> gce;
  std::optional<EmptyProviderSpec> kindnet;

  template <class V>
  void Visit(V& v) {
    v("classic", classic);
    v("kubenet", kubenet);
    v("external", external);
    v("cni", cni);
    v("kopeio", kopeio);
    v("weave", weave);
    v("flannel", flannel);
    v("calico", calico);
    v("canal", canal);
    v("kuberouter", kuberouter);
    v("amazonvpc", amazonvpc);
    v("cilium", cilium);
    v("gce", gce);
    v("kindnet", kindnet);
  }

  // The provider's name as --networking spells it ("kubenet", "calico", "cni"...), or "".
  std::string ProviderName() const;
};

}  // namespace kops::api
