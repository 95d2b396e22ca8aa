// Cluster-wide resources other than the network:
//   etcd volumes (kops pkg/model/master_volumes.go): one EBS volume per member per etcd
//     cluster, "<member>.etcd-<etcd cluster>.<cluster>", in the zone of the member's
//     control-plane group's first subnet, tagged k8s.io/etcd/<etcd cluster>=
//     <member>/<all members sorted, comma-separated> plus the control-plane role tags;
//     defaults gp3, 20 GiB, 3000 IOPS, 125 MiB/s;
//   the SSH key pair "kubernetes.<cluster>-<md5 fingerprint>" (when a key is stored
//     and spec.sshKeyName is unset: a set sshKeyName names an existing pair, "" none);
//   IAM roles (with spec.iam.permissionsBoundary) and instance profiles for masters
//     and nodes (their inline policies: iam_policies.h).
#pragma once

#include "cloud/aws/model_context.h"

namespace kops::cloud::aws {

Status BuildEtcdVolumes(const ModelContext& m, engine::Graph& graph);
Status BuildKeyPair(const ModelContext& m, engine::Graph& graph);
Status BuildIam(const ModelContext& m, engine::Graph& graph);

// Task key of the key pair the model creates, or "" when it creates none.
std::string KeyPairKey(const ModelContext& m);
// What launch templates put in key_name: a reference to that key pair, the
// spec.sshKeyName literal, or null (no key).
engine::Value KeyNameFor(const ModelContext& m);
// spec.iam.permissionsBoundary, or null.
engine::Value PermissionsBoundary(const ModelContext& m);

}  // namespace kops::cloud::aws
