// DNS records for the API load balancer (kops pkg/model/awsmodel/dns.go), when the
// cluster uses a Network API load balancer, its name is not a gossip name (*.k8s.local)
// and topology.dns.type is not None:
//   aws_route53_record "<masterPublicName>" type A and "<masterPublicName>-AAAA" type
//   AAAA, aliases (evaluate_target_health false) to the load balancer's dns_name and
//   zone_id; also for masterInternalName when useForInternalApi is set and it differs.
//
// The hosted zone is what spec.dnsZone says: a zone id (no dot, e.g. "Z1AFAKE1ZON3YO"
// or "/hostedzone/Z1AFAKE1ZON3YO", which is what a caller that looked the zone up in
// Route53 puts there) is written literally; a zone name (default: the cluster name
// without its first label) becomes data "aws_route53_zone" looked up by Terraform.
#pragma once

#include "cloud/aws/model_context.h"

namespace kops::cloud::aws {

Status BuildDns(const ModelContext& m, engine::Graph& graph);

// The hosted zone the records go in: its id, or its name when only the name is known.
struct HostedZone {
  std::string id;
  std::string name;
};
HostedZone HostedZoneOf(const ModelContext& m);

}  // namespace kops::cloud::aws
