#include "api/network_spec.h"

namespace kops::api {

std::string NetworkingSpec::ProviderName() const {
  if (classic) return "classic";
  if (kubenet) return "kubenet";
  if (external) return "external";
  if (cni) return "cni";
  if (kopeio) return "kopeio";
  if (weave) return "weave";
  if (flannel) return "flannel";
  if (calico) return "calico";
  if (canal) return "canal";
  if (kuberouter) return "kube-router";
  if (amazonvpc) return "amazonvpc";
  if (cilium) return "cilium";
  if (gce) return "gce";
  if (kindnet) return "kindnet";
  return "";
}

}  // namespace kops::api
