#include "create/cloud_inference.h"

#include <algorithm>
#include <regex>
#include <set>

#include "base/strings.h"

namespace kops::create {

const std::vector<std::string>& SupportedClouds() {
  static const std::vector<std::string> clouds = {"aws", "local"};
  return clouds;
}

std::string GuessCloudForZone(const std::string& zone) {
  static const std::regex kAws("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+(-[a-z]+-[0-9]+)?[a-z]$");
  static const std::regex kGce("^[a-z]+-[a-z]+[0-9]+-[a-z]$");
  static const std::set<std::string> kDigitalOcean = {"nyc1", "nyc2", "nyc3", "sfo1", "sfo2",
                                                      "sfo3", "ams2", "ams3", "sgp1", "lon1",
                                                      "fra1", "tor1", "blr1", "syd1"};
  if (std::regex_match(zone, kAws)) return "aws";
  if (std::regex_match(zone, kGce)) return "gce";
  if (kDigitalOcean.count(ToLower(zone))) return "digitalocean";
  return "";
}

namespace {

std::string CloudForStore(const std::string& store) {
  if (StartsWith(store, "s3://")) return "aws";
  if (StartsWith(store, "gs://")) return "gce";
  if (StartsWith(store, "do://")) return "digitalocean";
  if (StartsWith(store, "azureblob://")) return "azure";
  return "";
}

Status CheckSupported(const std::string& cloud, const std::string& how) {
  const auto& ok = SupportedClouds();
  if (std::find(ok.begin(), ok.end(), cloud) != ok.end()) return Status::Ok();
  return InvalidArgument("cloud provider \"" + cloud + "\"" + how +
                         " is not supported by this kops; --cloud accepts " + QuoteList(ok));
}

}  // namespace

Result<std::string> InferCloud(const std::string& flag_cloud,
                               const std::vector<std::string>& all_zones,
                               const std::string& state_store) {
  if (!flag_cloud.empty()) {
    RETURN_IF_ERROR(CheckSupported(flag_cloud, " (--cloud)"));
    return flag_cloud;
  }
  std::vector<std::string> zones = all_zones;
  std::sort(zones.begin(), zones.end());
  for (const std::string& z : zones) {
    std::string cloud = GuessCloudForZone(z);
    if (cloud.empty()) continue;
    RETURN_IF_ERROR(CheckSupported(cloud, " (inferred from zone \"" + z + "\")"));
    return cloud;
  }
  if (std::string cloud = CloudForStore(state_store); !cloud.empty()) {
    RETURN_IF_ERROR(CheckSupported(cloud, " (inferred from state store \"" + state_store + "\")"));
    return cloud;
  }
  if (zones.empty()) return InvalidArgument("must specify --zones or --cloud");
  return InvalidArgument("unable to infer the cloud provider from zones " + QuoteList(zones) +
                         " or state store \"" + state_store +
                         "\"; pass it with --cloud (accepted: " + QuoteList(SupportedClouds()) +
                         ")");
}

}  // namespace kops::create
