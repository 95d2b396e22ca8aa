// The bastion's network side (kops pkg/model/awsmodel/bastion.go), when an instance
// group has role Bastion (its launch template and autoscaling group are built elsewhere):
//   - security groups "bastion.<cluster>" and "bastion-elb.<cluster>", both with egress
//     anywhere (IPv4, IPv6);
//   - SSH (TCP 22) and ICMP 3-4 from bastion-elb to bastion, ICMP 3-4 back; SSH from the
//     bastion to the control plane and the nodes;
//   - into bastion-elb: SSH from each sshAccess entry and from the CIDR of each subnet
//     of the load balancer (health checks), with PMTU rules "icmp-pmtu-ssh-nlb-<cidr>"
//     / "icmpv6-pmtu-ssh-nlb-<cidr>";
//   - a network load balancer "bastion-<cluster>" (Name tag "bastion.<cluster>") in the
//     utility subnet of each zone of the bastion groups (private subnets when
//     topology.bastion.loadBalancer.type is Internal), target group "bastion" (TCP 22)
//     and listener "bastion-<cluster>-22"; additionalSecurityGroups of the bastion load
//     balancer are added to it.
#pragma once

#include "cloud/aws/model_context.h"

namespace kops::cloud::aws {

// True when some instance group has role Bastion.
bool UsesBastionLoadBalancer(const ModelContext& m);

Status BuildBastion(const ModelContext& m, engine::Graph& graph);

}  // namespace kops::cloud::aws
