// The EC2 look-ups kops makes while building a cluster: images and availability zones.
#pragma once

#include <cstdint>
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

// One instance from DescribeInstances.
struct Ec2Instance {
  std::string id;
  std::string state;  // "pending", "running", "shutting-down", "terminated", "stopping", "stopped"
  std::string availability_zone, private_dns_name, private_ip, instance_type;
  std::vector<std::pair<std::string, std::string>> tags;  // key, value
  // The value of the tag key, "" when absent.
  std::string Tag(const std::string& key) const;
};

// A launch template and its version numbers (DescribeLaunchTemplates).
struct LaunchTemplateInfo {
  std::string id, name;
  int64_t default_version = 0, latest_version = 0;
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
  // The instances with those ids (every instance when empty) matching every filter, all
  // pages. AWS answers InvalidInstanceID.NotFound when a given id does not exist.
  Result<std::vector<Ec2Instance>> DescribeInstances(const std::vector<std::string>& ids,
                                                     const std::vector<Ec2Filter>& filters = {});
  // The launch templates with those names (all when empty), all pages. AWS answers
  // InvalidLaunchTemplateName.NotFoundException when a named one does not exist.
  Result<std::vector<LaunchTemplateInfo>> DescribeLaunchTemplates(
      const std::vector<std::string>& names);

 private:
  QueryClient query_;
};

}  // namespace kops::awsapi
