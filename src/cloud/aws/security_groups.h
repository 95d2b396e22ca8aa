// Security groups of the control plane and the nodes, and every rule kops writes
// between them and from the outside (pkg/model/firewall.go, awsmodel/external_access.go):
//   - egress anywhere (IPv4, IPv6) from both groups; everything control plane ->
//     control plane, control plane -> nodes and nodes -> nodes;
//   - nodes -> control plane on every port except etcd's (TCP 1-2379, 2382-4000,
//     4003-65535, UDP 1-65535), plus IPIP (protocol 4) with calico;
//   - SSH (TCP 22) from each sshAccess entry (CIDR or prefix list) to both groups,
//     unless the cluster has a bastion (then SSH goes through it, bastion.h);
//   - without an API load balancer, TCP 443 from each kubernetesApiAccess entry to the
//     control plane;
//   - the node port range (kube-apiserver's serviceNodePortRange, default 30000-32767)
//     from each nodePortAccess CIDR, TCP and UDP, "nodeport-<proto>-external-to-node-<cidr>".
// Rules are named and written by the one helper, load_balancer_rules.h.
#pragma once

#include "base/status.h"
#include "cloud/aws/model_context.h"
#include "engine/graph.h"

namespace kops::cloud::aws {

// "masters.<cluster>" and "nodes.<cluster>" with their rules.
Status BuildSecurityGroups(const ModelContext& m, engine::Graph& graph);

}  // namespace kops::cloud::aws
