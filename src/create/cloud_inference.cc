#include "create/cloud_inference.h"

#include <algorithm>
#include <set>

#include "base/strings.h"

namespace kops::create {

const std::vector<std::string>& SupportedClouds() {
  static const std::vector<std::string> clouds = {"aws", "local"};
  return clouds;
}

namespace {

bool Lower(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}
bool Digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// AWS zone names: us-west-2a, us-gov-west-1a, us-iso-east-1a, us-west-2-lax-1a, cn-north-1a
// ([a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+(-[a-z]+-[0-9]+)?[a-z]).
bool IsAwsZone(const std::string& zone) {
  std::vector<std::string> parts = Split(zone, '-');
  if (parts.size() < 3) return false;
  std::string& last = parts.back();
  char letter = last.empty() ? 0 : last.back();
  if (letter < 'a' || letter > 'z') return false;
  last.pop_back();
  size_t i = 0;
  if (parts[i].size() != 2 || !Lower(parts[i])) return false;
  ++i;
  if (parts.size() > 3 && (parts[i] == "gov" || (StartsWith(parts[i], "iso") && parts[i].size() <= 4 &&
                                                 Lower(parts[i]))))
    ++i;
  size_t rest = parts.size() - i;
  if (rest != 2 && rest != 4) return false;
  for (size_t k = 0; k < rest; ++k)
    if (!(k % 2 == 0 ? Lower(parts[i + k]) : Digits(parts[i + k]))) return false;
  return true;
}

// GCE zone names: us-central1-a ([a-z]+-[a-z]+[0-9]+-[a-z]).
bool IsGceZone(const std::string& zone) {
  std::vector<std::string> parts = Split(zone, '-');
  if (parts.size() != 3 || !Lower(parts[0]) || parts[2].size() != 1 || !Lower(parts[2])) return false;
  const std::string& region = parts[1];
  size_t d = region.find_first_of("0123456789");
  return d != std::string::npos && d > 0 && Lower(region.substr(0, d)) && Digits(region.substr(d));
}

}  // namespace

std::string GuessCloudForZone(const std::string& zone) {
  static const std::set<std::string> kDigitalOcean = {"nyc1", "nyc2", "nyc3", "sfo1", "sfo2",
                                                      "sfo3", "ams2", "ams3", "sgp1", "lon1",
                                                      "fra1", "tor1", "blr1", "syd1"};
  if (IsAwsZone(zone)) return "aws";
  if (IsGceZone(zone)) return "gce";
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
