// The EC2 look-ups kops makes while building a cluster: images and availability zones.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "awsapi/query_client.h"

namespace kops::awsapi {

struct Ec2Filter {
  std::string name;  // "name", "owner-id", "image-id", "zone-name", ...
  std::vector<std::string> values;
};

struct DescribeImagesRequest {
  std::vector<std::string> image_ids;
  std::vector<std::string> owners;  // account ids or aliases ("self", "amazon")
  std::vector<Ec2Filter> filters;
};

struct Image {
  std::string id;
  std::string name;
  std::string owner_id;
  std::string architecture;
  std::string creation_date;
  std::string root_device_name;
  std::string root_device_type;
  std::string state;
  std::string virtualization_type;
};

struct AvailabilityZone {
  std::string name;  // "us-east-1a"
  std::string zone_id;
  std::string state;
  std::string region;
  std::string zone_type;
};

class Ec2Client {
 public:
  Ec2Client(HttpClient& http, ServiceConfig config, const Clock& clock = RealClock::Instance())
      : query_(http, std::move(config), "ec2", "2016-11-15", clock) {}

  // All pages (NextToken followed).
  Result<std::vector<Image>> DescribeImages(const DescribeImagesRequest& request);
  // Zones of the configured region; names limits the answer to those zones when non-empty.
  Result<std::vector<AvailabilityZone>> DescribeAvailabilityZones(
      const std::vector<std::string>& names = {});

 private:
  QueryClient query_;
};

}  // namespace kops::awsapi
