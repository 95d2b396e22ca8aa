// Contents of the state-store files (see state_objects.h). kops' own contents differ by
// kops version and are not compared; these carry what a reader needs and stay stable.
#include <nlohmann/json.hpp>

#include "api/codec.h"
#include "api/defaults.h"
#include "api/yaml_writer.h"
#include "cloud/aws/state_objects.h"

namespace kops::cloud::aws {

std::string CompletedSpecContent(const ModelContext& m) {
  return api::ToYaml(api::Object{m.cluster()});
}

std::string EtcdClusterSpecContent(const api::EtcdClusterSpec& etcd) {
  nlohmann::json spec = {{"memberCount", etcd.members.size()},
                         {"etcdVersion", etcd.version.empty() ? api::kDefaultEtcdVersion : etcd.version}};
  return spec.dump(2);
}

std::string EtcdManagerManifest(const ModelContext& m, const api::EtcdClusterSpec& etcd,
                                const api::InstanceGroup& ig) {
  bool events = etcd.name == "events";
  std::string client = events ? "4002" : "4001", peer = events ? "2381" : "2380";
  std::string name = "etcd-manager-" + etcd.name;
  return "apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    k8s-app: " + name +
         "\n  name: " + name + "\n  namespace: kube-system\nspec:\n  containers:\n  - command:\n"
         "    - /etcd-manager\n    - --backup-store=" + m.cluster().spec.config_base + "/backups/etcd/" +
         etcd.name + "\n    - --client-urls=https://__name__:" + client +
         "\n    - --cluster-name=etcd" + (events ? "-events" : "") + "\n    - --containerized=true" +
         "\n    - --peer-urls=https://__name__:" + peer +
         "\n    - --volume-provider=aws\n    - --volume-tag=k8s.io/etcd/" + etcd.name +
         "\n    - --volume-tag=k8s.io/role/control-plane=1\n    - --volume-tag=kubernetes.io/cluster/" +
         m.cluster_name() + "=owned\n    image: registry.k8s.io/etcd-manager/etcd-manager-slim:v3.0.20250803\n"
         "    name: etcd-manager\n  hostNetwork: true\n  priorityClassName: system-cluster-critical\n"
         "# instance group: " + ig.metadata.name + "\n";
}

std::string NodeupConfigContent(const ModelContext& m, const api::InstanceGroup& ig) {
  nlohmann::json config = {
      {"ClusterName", m.cluster_name()},
      {"InstanceGroupName", ig.metadata.name},
      {"InstanceGroupRole", ig.spec.role == api::kRoleMaster ? "ControlPlane" : ig.spec.role},
      {"KubernetesVersion", m.cluster().spec.kubernetes_version},
      {"ConfigBase", m.cluster().spec.config_base},
      {"UsesLegacyGossip", m.cluster_name().ends_with(".k8s.local")},
  };
  std::vector<std::string> members;
  if (ig.spec.role == api::kRoleMaster) {
    for (const auto& etcd : m.cluster().spec.etcd_clusters) members.push_back(etcd.name);
    config["EtcdClusterNames"] = members;
  }
  return api::ToYamlText(config);
}

std::string AddonManifest(const std::string& addon, const std::string& version) {
  return "# Managed by kops: add-on " + addon + " (" + version + ")\n"
         "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    addon.kops.k8s.io/name: " +
         addon + "\n    app.kubernetes.io/managed-by: kops\n  name: kops-addon-" +
         addon.substr(0, addon.find('.')) + "\n  namespace: kube-system\n";
}

}  // namespace kops::cloud::aws
