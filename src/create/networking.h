// Networking provider, topology (subnet types, utility/dual-stack subnets, bastion),
// DNS and API access of a new cluster (kops' setupNetworking, setupTopology,
// setupDNSTopology and setupAPI).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/cluster.h"
#include "api/instance_group.h"
#include "base/status.h"
#include "create/options.h"

namespace kops::create {

// The --networking values accepted.
const std::vector<std::string>& NetworkingChoices();

// Sets spec.networking (and kubeProxy.enabled=false for cilium/kube-router).
// InvalidArgument naming --networking, the value and the choices.
Status SetupNetworking(const std::string& networking, api::ClusterSpec& spec);

// The effective topology: --topology, else private with --ipv6, else public.
std::string EffectiveTopology(const CreateClusterOptions& opt);

// Sets topology.dns, subnet types; adds dual-stack (IPv6 private) and utility subnets
// for private topology; returns the bastion group when --bastion. Errors: unknown
// --topology or --dns, --bastion without private topology, kubenet with private
// topology ("invalid networking option kubenet. Kubenet does not support private
// topology").
Result<std::optional<api::InstanceGroup>> SetupTopology(const CreateClusterOptions& opt,
                                                        const std::string& cluster_name,
                                                        api::ClusterSpec& spec);

// spec.api: a load balancer (public unless --api-loadbalancer-type internal; class
// Network on AWS unless --api-loadbalancer-class classic) for private topology, no
// public DNS or an explicit type/certificate; else DNS.
Status SetupApi(const CreateClusterOptions& opt, api::ClusterSpec& spec);

}  // namespace kops::create
