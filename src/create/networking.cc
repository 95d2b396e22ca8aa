#include "create/networking.h"

#include "base/strings.h"

namespace kops::create {

const std::vector<std::string>& NetworkingChoices() {
  static const std::vector<std::string> choices = {
      "cilium",      "cilium-etcd", "cilium-eni", "calico",    "canal",       "cni",
      "external",    "flannel",     "flannel-vxlan", "flannel-udp", "kopeio", "kopeio-vxlan",
      "kube-router", "kubenet",     "amazonvpc", "amazon-vpc-routed-eni", "gce", "gcp"};
  return choices;
}

Status SetupNetworking(const std::string& networking, api::ClusterSpec& spec) {
  api::NetworkingSpec& n = spec.networking.emplace();
  auto disable_kube_proxy = [&] {
    if (!spec.kube_proxy) spec.kube_proxy.emplace();
    spec.kube_proxy->enabled = false;
  };
  const std::string& v = networking;
  if (v == "kubenet") {
    n.kubenet.emplace();
  } else if (v == "external") {
    n.external.emplace();
  } else if (v == "cni") {
    n.cni.emplace();
  } else if (v == "kopeio" || v == "kopeio-vxlan") {
    n.kopeio.emplace();
  } else if (v == "flannel" || v == "flannel-vxlan" || v == "flannel-udp") {
    n.flannel.emplace().backend = v == "flannel-udp" ? "udp" : "vxlan";
  } else if (v == "calico") {
    n.calico.emplace();
  } else if (v == "canal") {
    n.canal.emplace();
  } else if (v == "kube-router") {
    n.kuberouter.emplace();
    disable_kube_proxy();
  } else if (v == "amazonvpc" || v == "amazon-vpc-routed-eni") {
    n.amazonvpc.emplace();
  } else if (v == "cilium" || v == "cilium-etcd" || v == "cilium-eni" || v.empty()) {
    n.cilium.emplace().enable_node_port = true;
    if (v == "cilium-eni") n.cilium->ipam = "eni";
    disable_kube_proxy();
  } else if (v == "gce" || v == "gcp") {
    n.gce.emplace();
  } else {
    return InvalidArgument("--networking \"" + v + "\": unknown networking mode; accepted: " +
                           Join(NetworkingChoices(), ", "));
  }
  return Status::Ok();
}

std::string EffectiveTopology(const CreateClusterOptions& opt) {
  if (!opt.topology.empty()) return opt.topology;
  return opt.ipv6 ? "private" : "public";
}

namespace {

Result<std::string> DnsType(const CreateClusterOptions& opt) {
  std::string t = ToLower(opt.dns_type);
  if (t.empty()) return std::string(opt.dns_zone.empty() ? "None" : "Public");
  if (t == "public") return std::string("Public");
  if (t == "private") return std::string("Private");
  if (t == "none") return std::string("None");
  return InvalidArgument("--dns \"" + opt.dns_type + "\": unknown DNS type; accepted: public, "
                         "private, none");
}

void AddDerivedSubnets(api::ClusterSpec& spec, const std::string& prefix, const char* type) {
  std::vector<api::ClusterSubnetSpec> added;
  for (const auto& s : spec.subnets) {
    if (s.type != api::kSubnetPrivate) continue;
    api::ClusterSubnetSpec d;
    d.name = prefix + s.name;
    d.zone = s.zone;
    d.region = s.region;
    d.type = type;
    added.push_back(d);
  }
  spec.subnets.insert(spec.subnets.end(), added.begin(), added.end());
}

}  // namespace

Result<std::optional<api::InstanceGroup>> SetupTopology(const CreateClusterOptions& opt,
                                                        const std::string& cluster_name,
                                                        api::ClusterSpec& spec) {
  std::string topology = EffectiveTopology(opt);
  ASSIGN_OR_RETURN(std::string dns, DnsType(opt));
  spec.topology.emplace().dns = api::DNSSpec{dns};
  std::optional<api::InstanceGroup> bastion;
  if (topology == "public") {
    if (opt.bastion) return InvalidArgument("bastion supports --topology='private' only");
    for (auto& s : spec.subnets) s.type = api::kSubnetPublic;
  } else if (topology == "private") {
    if (spec.networking && spec.networking->kubenet)
      return InvalidArgument("invalid networking option " + opt.networking +
                             ". Kubenet does not support private topology");
    for (auto& s : spec.subnets) s.type = api::kSubnetPrivate;
    if (opt.ipv6) AddDerivedSubnets(spec, "dualstack-", api::kSubnetDualStack);
    AddDerivedSubnets(spec, "utility-", api::kSubnetUtility);
    if (opt.bastion) {
      api::InstanceGroup& b = bastion.emplace();
      b.metadata.name = "bastions";
      b.spec.role = api::kRoleBastion;
      b.spec.min_size = 1;
      b.spec.max_size = 1;
      b.spec.image = opt.bastion_image;
      if (dns != "None") spec.topology->bastion.emplace().public_name = "bastion." + cluster_name;
      if (opt.ipv6)
        for (const auto& s : spec.subnets)
          if (s.type == api::kSubnetDualStack) b.spec.subnets.push_back(s.name);
    }
  } else {
    return InvalidArgument("--topology \"" + topology + "\": invalid topology; accepted: "
                           "public, private");
  }
  if (opt.ipv6) {
    spec.non_masquerade_cidr = "::/0";
    spec.cloud_controller_manager.emplace();
    char buf[32];
    for (size_t i = 0; i < spec.subnets.size(); ++i) {
      snprintf(buf, sizeof buf, "/64#%zx", i);
      spec.subnets[i].ipv6_cidr = buf;
    }
  }
  return bastion;
}

Status SetupApi(const CreateClusterOptions& opt, api::ClusterSpec& spec) {
  std::string topology = EffectiveTopology(opt);
  api::AccessSpec& access = spec.api.emplace();
  bool no_dns = spec.topology && spec.topology->dns && spec.topology->dns->type == "None";
  if (!opt.api_load_balancer_type.empty() || !opt.api_ssl_certificate.empty() ||
      topology == "private" || no_dns) {
    access.load_balancer.emplace();
  } else {
    access.dns.emplace();
  }
  if (access.load_balancer) {
    std::string t = opt.api_load_balancer_type;
    if (t.empty() || t == "public") {
      access.load_balancer->type = "Public";
    } else if (t == "internal") {
      access.load_balancer->type = "Internal";
    } else {
      return InvalidArgument("--api-loadbalancer-type \"" + t +
                             "\": unknown load balancer type; accepted: public, internal");
    }
    access.load_balancer->ssl_certificate = opt.api_ssl_certificate;
    if (spec.cloud_provider == api::kCloudAWS) {
      const std::string& c = opt.api_load_balancer_class;
      if (c.empty() || c == "network") {
        access.load_balancer->class_ = "Network";
      } else if (c == "classic") {
        access.load_balancer->class_ = "Classic";
      } else {
        return InvalidArgument("--api-loadbalancer-class \"" + c +
                               "\": unknown load balancer class; accepted: classic, network");
      }
    }
  }
  return Status::Ok();
}

}  // namespace kops::create
