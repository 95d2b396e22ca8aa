// Which cloud a cluster is on when --cloud is not given, as kops guesses it: from the
// zone names (AWS "us-east-1a", "cn-north-1b", "us-gov-west-1a", local zones
// "us-west-2-lax-1a"; GCE "us-central1-a"; DigitalOcean "nyc1"…), else from the
// state-store scheme (s3:// aws, gs:// gce, do:// digitalocean, azureblob:// azure).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace kops::create {

// The clouds this kops can create clusters on.
const std::vector<std::string>& SupportedClouds();

// "aws", "gce", "digitalocean" or "" when the zone name matches no known pattern.
std::string GuessCloudForZone(const std::string& zone);

// The cloud named by --cloud (validated), else the first zone (sorted) whose cloud is
// known, else the state store's. InvalidArgument naming the zones, the store and the
// accepted --cloud values when nothing fits or the cloud is not supported.
Result<std::string> InferCloud(const std::string& flag_cloud,
                               const std::vector<std::string>& all_zones,
                               const std::string& state_store);

}  // namespace kops::create
