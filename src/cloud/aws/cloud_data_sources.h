// Terraform data sources for what only the cloud knows, used when it could not be asked
// (no credentials): aws_caller_identity and aws_partition ("current"), the hosted zone
// of the cluster's DNS domain (aws_route53_zone, only when no zone id is known), and one aws_ami per image name that
// was not looked up. The Go kops cannot render offline at all; this keeps the output
// applicable.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "cloud/aws/model_context.h"
#include "engine/graph.h"

namespace kops::cloud::aws {

// Task key of the aws_ami data source of `image`.
std::string AmiDataSourceKey(const std::string& image);
// True when `image` is a name (not "ami-...") the facts have no AMI for.
bool NeedsAmiDataSource(const ModelContext& m, const std::string& image);

// Splits an image name as kops does: "099720109477/ubuntu/..." or "ubuntu/images/..."
// -> owner ("099720109477", the well-known alias mapped to its account) and name.
// A name without an owner part gives owner "".
struct ImageName {
  std::string owner;
  std::string name;
};
ImageName ParseImageName(const std::string& image);

// The DNS zone kops looks up for the cluster: spec.dnsZone, else the cluster name
// without its first label ("minimal.example.com" -> "example.com").
std::string ClusterDnsZone(const ModelContext& m);

// The one source of the cluster's hosted zone id, for every builder that needs it:
// spec.dnsZone when it is an id (no dot) as written; else the looked-up zone as Route53
// names it ("/hostedzone/Z1AFAKE1ZON3YO"); else (offline) a reference to the
// aws_route53_zone data source "zone-<ClusterDnsZone>" that BuildCloudDataSources adds.
engine::Value HostedZoneId(const ModelContext& m);

Status BuildCloudDataSources(const ModelContext& m, engine::Graph& graph);

}  // namespace kops::cloud::aws
