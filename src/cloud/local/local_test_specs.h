// Test input: the spec `kops create cluster --cloud local --zones local-a,local-b,local-c
// --control-plane-zones local-a,local-b,local-c --node-count 3 ha.local` writes, in a
// memfs state store.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "api/codec.h"
#include "store/clientset.h"
#include "store/mem_vfs.h"

namespace kops::cloud::local::testing {

inline std::string HaClusterYaml() {
  return R"(apiVersion: kops.k8s.io/v1alpha2
kind: Cluster
metadata:
  name: ha.local
spec:
  api:
    loadBalancer:
      type: Public
  authorization:
    rbac: {}
  channel: stable
  cloudProvider: local
  configBase: memfs://state/ha.local
  etcdClusters:
  - etcdMembers:
    - {instanceGroup: control-plane-local-a, name: a}
    - {instanceGroup: control-plane-local-b, name: b}
    - {instanceGroup: control-plane-local-c, name: c}
    name: main
  - etcdMembers:
    - {instanceGroup: control-plane-local-a, name: a}
    - {instanceGroup: control-plane-local-b, name: b}
    - {instanceGroup: control-plane-local-c, name: c}
    name: events
  iam: {allowContainerRegistry: true, legacy: false}
  kubeProxy: {enabled: false}
  kubelet: {anonymousAuth: false}
  kubernetesApiAccess: [0.0.0.0/0]
  kubernetesVersion: 1.35.7
  networkCIDR: 172.20.0.0/16
  networking:
    cilium: {enableNodePort: true}
  nonMasqueradeCIDR: 100.64.0.0/10
  sshAccess: [0.0.0.0/0]
  subnets:
  - {cidr: 172.20.0.0/18, name: local-a, type: Public, zone: local-a}
  - {cidr: 172.20.64.0/18, name: local-b, type: Public, zone: local-b}
  - {cidr: 172.20.128.0/18, name: local-c, type: Public, zone: local-c}
  topology:
    dns: {type: None}
)";
}

inline std::string GroupYaml(const std::string& name, const std::string& role,
                             const std::string& zone) {
  return "apiVersion: kops.k8s.io/v1alpha2\nkind: InstanceGroup\nmetadata:\n  name: " + name +
         "\n  labels: {kops.k8s.io/cluster: ha.local}\nspec:\n  image: local/host\n"
         "  machineType: local.small\n  maxSize: 1\n  minSize: 1\n  role: " +
         role + "\n  subnets: [" + zone + "]\n";
}

inline api::Cluster HaCluster() { return api::DecodeCluster(HaClusterYaml(), "test").value(); }

inline std::vector<api::InstanceGroup> HaGroups() {
  std::vector<api::InstanceGroup> out;
  for (std::string z : {"a", "b", "c"}) {
    out.push_back(api::DecodeInstanceGroup(
                      GroupYaml("control-plane-local-" + z, "Master", "local-" + z), "test")
                      .value());
    out.push_back(
        api::DecodeInstanceGroup(GroupYaml("nodes-local-" + z, "Node", "local-" + z), "test")
            .value());
  }
  return out;
}

// A memfs state store (url, e.g. "memfs://update-test-1", one per test) holding ha.local.
inline std::unique_ptr<store::Clientset> HaStore(const std::string& url) {
  auto cs = std::make_unique<store::Clientset>(store::NewMemVfs(url));
  auto st = cs->CreateClusterWithGroups(HaCluster(), HaGroups());
  if (!st.ok()) throw std::runtime_error(st.message());
  return cs;
}

}  // namespace kops::cloud::local::testing
