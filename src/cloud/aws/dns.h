// DNS records for the API load balancer (kops pkg/model/awsmodel/dns.go), when the
// cluster uses a Network API load balancer, its name is not a gossip name (*.k8s.local)
// and topology.dns.type is not None:
//   aws_route53_record "<masterPublicName>" type A and "<masterPublicName>-AAAA" type
//   AAAA, aliases (evaluate_target_health false) to the load balancer's dns_name and
//   zone_id; also for masterInternalName when useForInternalApi is set and it differs.
//
// The zone id is cloud_data_sources.h's HostedZoneId: the spec's zone id, the looked-up
// zone, or (offline) the aws_route53_zone data source.
#pragma once

#include "cloud/aws/model_context.h"

namespace kops::cloud::aws {

Status BuildDns(const ModelContext& m, engine::Graph& graph);

}  // namespace kops::cloud::aws
