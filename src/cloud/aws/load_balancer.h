// The API load balancer (kops pkg/model/awsmodel/api_loadbalancer.go), class Network:
//   - aws_lb "api-<cluster dashed>" named ResourceName32("api"), type network, internal
//     for type Internal, cross-zone from the spec (default false; true when DNS is None),
//     access logs when spec'd, security groups: the spec's additionalSecurityGroups then
//     "api-elb.<cluster>", one subnet_mapping per subnet: the spec's subnets (with
//     allocationId / privateIPv4Address) or, per zone, the best subnet of the matching
//     kind (Public/Utility for Public, Private for Internal; control-plane subnets and
//     Utility subnets preferred, then by name);
//   - target group "tcp" (TCP 443), plus "tls" (TLS 443) when sslCertificate is set, plus
//     "kops-controller" (TCP 3988) when DNS is None; TCP health checks every 10 s,
//     2 healthy / 2 unhealthy, deregistration delay 30 s with connection termination;
//   - listeners "<lb>-443" (TCP → tcp; with a certificate TLS → tls with the policy, and
//     "<lb>-8443" TCP → tcp), "<lb>-3988" when DNS is None.
// Its security group and rules are in load_balancer_security.h. Classic load balancers
// are FailedPrecondition (not supported yet).
#pragma once

#include <vector>

#include "cloud/aws/model_context.h"

namespace kops::cloud::aws {

// True when the spec asks for an API load balancer (spec.api.loadBalancer set).
bool UsesApiLoadBalancer(const ModelContext& m);

Status BuildApiLoadBalancer(const ModelContext& m, engine::Graph& graph);

// What the autoscaling group of `ig` lists in target_group_arns: for control-plane groups
// the API target groups, for bastions the bastion target group, sorted by name; empty
// otherwise. Each is a reference to the target group's "id".
std::vector<engine::Value> TargetGroupsFor(const ModelContext& m, const api::InstanceGroup& ig);

}  // namespace kops::cloud::aws
