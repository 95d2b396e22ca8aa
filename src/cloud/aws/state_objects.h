// The files kops writes to the state store on `update cluster` (upup/pkg/fi/cloudup/
// apply_cluster.go, pkg/model/bootstrapscript.go, the etcd-manager and add-on builders):
// the completed cluster spec, kops-version.txt, one etcd-cluster-spec per etcd cluster,
// the etcd-manager manifests per etcd cluster and control-plane group, the static
// kube-apiserver health check and kops-channels manifests, the bootstrap channel and
// each add-on manifest, and one nodeup configuration per instance group.
//
// With an S3 state store they are aws_s3_object resources (provider aws.files, AES256)
// named as kops names its ManagedFile tasks; otherwise the caller writes them to the
// store itself (StateFiles). Contents are this tool's own (kops' differ by version);
// names, keys and attributes are kops'.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "cloud/aws/model_context.h"
#include "engine/graph.h"

namespace kops::cloud::aws {

struct StateFile {
  std::string name;     // kops' task name: "cluster-completed.spec", "nodeupconfig-nodes"
  std::string path;     // relative to the cluster's directory: "igconfig/node/nodes/nodeupconfig.yaml"
  std::string content;
};

// Every file, in a stable order.
std::vector<StateFile> StateFiles(const ModelContext& m);

// Adds one aws_s3_object per file when the state store is S3; nothing otherwise.
Status BuildStateObjects(const ModelContext& m, engine::Graph& graph);

// Contents (state_contents.cc).
std::string CompletedSpecContent(const ModelContext& m);
std::string EtcdClusterSpecContent(const api::EtcdClusterSpec& etcd);
std::string EtcdManagerManifest(const ModelContext& m, const api::EtcdClusterSpec& etcd,
                                const api::InstanceGroup& ig);
std::string NodeupConfigContent(const ModelContext& m, const api::InstanceGroup& ig);
std::string AddonManifest(const std::string& addon, const std::string& version);

}  // namespace kops::cloud::aws
