#include "cloud/aws/state_objects.h"

#include "cloud/aws/builder_util.h"

namespace kops::cloud::aws {

using engine::Fields;
using engine::Value;

namespace {

struct Addon {
  std::string name;  // "coredns.addons.k8s.io"
  std::string id;    // "k8s-1.12" ("" when kops names the task without it)
  std::string file;  // "k8s-1.12.yaml"
};

std::vector<Addon> Addons(const ModelContext& m) {
  std::vector<Addon> out = {
      {"kops-controller.addons.k8s.io", "k8s-1.16", "k8s-1.16.yaml"},
      {"coredns.addons.k8s.io", "k8s-1.12", "k8s-1.12.yaml"},
      {"kubelet-api.rbac.addons.k8s.io", "k8s-1.9", "k8s-1.9.yaml"},
      {"limit-range.addons.k8s.io", "", "v1.5.0.yaml"},
  };
  if (UsesRoute53(m)) out.push_back({"dns-controller.addons.k8s.io", "k8s-1.12", "k8s-1.12.yaml"});
  out.push_back({"storage-aws.addons.k8s.io", "v1.15.0", "v1.15.0.yaml"});
  const auto& spec = m.cluster().spec;
  if (spec.networking && spec.networking->calico) {
    out.push_back({"networking.projectcalico.org", "k8s-1.25", "k8s-1.25.yaml"});
  }
  if (spec.authentication && spec.authentication->aws) {
    out.push_back({"authentication.aws", "k8s-1.12", "k8s-1.12.yaml"});
  }
  out.push_back({"aws-cloud-controller.addons.k8s.io", "k8s-1.18", "k8s-1.18.yaml"});
  out.push_back({"aws-ebs-csi-driver.addons.k8s.io", "k8s-1.17", "k8s-1.17.yaml"});
  if (UsesNthQueue(m)) out.push_back({"node-termination-handler.aws", "k8s-1.11", "k8s-1.11.yaml"});
  return out;
}

std::string BootstrapChannel(const std::vector<Addon>& addons) {
  std::string out =
      "kind: Addons\nmetadata:\n  name: bootstrap\nspec:\n  addons:\n";
  for (const auto& a : addons) {
    out += "  - id: " + (a.id.empty() ? std::string("k8s-1.0") : a.id) + "\n    manifest: " +
           a.name + "/" + a.file + "\n    name: " + a.name + "\n";
  }
  return out;
}

std::string StaticManifest(const std::string& name, const std::string& image,
                           const std::string& command) {
  return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name +
         "\n  namespace: kube-system\nspec:\n  containers:\n  - command:\n    - " + command +
         "\n    image: " + image + "\n    name: " + name + "\n  hostNetwork: true\n";
}

}  // namespace

std::vector<StateFile> StateFiles(const ModelContext& m) {
  std::vector<StateFile> out;
  const std::string& cluster = m.cluster_name();
  out.push_back({"cluster-completed.spec", "cluster-completed.spec", CompletedSpecContent(m)});
  out.push_back({"kops-version.txt", "kops-version.txt", m.input().kops_version});
  for (const auto& etcd : m.cluster().spec.etcd_clusters) {
    out.push_back({"etcd-cluster-spec-" + etcd.name,
                   "backups/etcd/" + etcd.name + "/control/etcd-cluster-spec",
                   EtcdClusterSpecContent(etcd)});
    for (const auto& ig : m.instance_groups()) {
      if (ig.spec.role != api::kRoleMaster) continue;
      std::string id = etcd.name + "-" + ig.metadata.name;
      out.push_back({"manifests-etcdmanager-" + id, "manifests/etcd/" + id + ".yaml",
                     EtcdManagerManifest(m, etcd, ig)});
    }
  }
  out.push_back({"manifests-static-kube-apiserver-healthcheck",
                 "manifests/static/kube-apiserver-healthcheck.yaml",
                 StaticManifest("kube-apiserver-healthcheck",
                                "registry.k8s.io/kops/kube-apiserver-healthcheck:1.35.0",
                                "/kube-apiserver-healthcheck")});
  out.push_back({"manifests-channels-kops-channels", "manifests/channels/kops-channels.yaml",
                 StaticManifest("kops-channels", "registry.k8s.io/kops/channels:1.35.0",
                                "/channels")});
  std::vector<Addon> addons = Addons(m);
  out.push_back({cluster + "-addons-bootstrap", "addons/bootstrap-channel.yaml",
                 BootstrapChannel(addons)});
  for (const auto& a : addons) {
    out.push_back({cluster + "-addons-" + a.name + (a.id.empty() ? "" : "-" + a.id),
                   "addons/" + a.name + "/" + a.file, AddonManifest(a.name, a.file)});
  }
  for (const auto& ig : m.instance_groups()) {
    if (ig.spec.role == api::kRoleBastion) continue;  // bastions run no nodeup
    std::string role = ig.spec.role == api::kRoleMaster      ? "control-plane"
                       : ig.spec.role == api::kRoleAPIServer ? "apiserver"
                                                             : "node";
    out.push_back({"nodeupconfig-" + ig.metadata.name,
                   "igconfig/" + role + "/" + ig.metadata.name + "/nodeupconfig.yaml",
                   NodeupConfigContent(m, ig)});
  }
  return out;
}

Status BuildStateObjects(const ModelContext& m, engine::Graph& graph) {
  const auto& store = m.input().state_store;
  if (!store.is_s3()) return Status::Ok();
  for (auto& file : StateFiles(m)) {
    std::string key = store.cluster_path.empty() ? file.path : store.cluster_path + "/" + file.path;
    auto task = NewResource("ManagedFile", file.name, "aws_s3_object",
                            Fields{{"bucket", store.bucket},
                                   {"content", Value::File(std::move(file.content))},
                                   {"key", key},
                                   {"server_side_encryption", "AES256"}});
    task->WithProvider("aws.files");
    RETURN_IF_ERROR(AddTask(graph, std::move(task)));
  }
  return Status::Ok();
}

}  // namespace kops::cloud::aws
