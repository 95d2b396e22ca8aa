// Route53 (REST-XML): finding the hosted zone for a cluster's DNS name.
#pragma once

#include <string>
#include <vector>

#include "awsapi/service_config.h"
#include "base/clock.h"
#include "base/http.h"
#include "base/status.h"

namespace kops::awsapi {

struct HostedZone {
  std::string id;    // "Z1AFAKE1ZON3YO" (the "/hostedzone/" prefix removed)
  std::string name;  // "example.com." (always with the trailing dot)
  bool private_zone = false;
  int64_t record_count = 0;
};

class Route53Client {
 public:
  // http and clock must outlive the client.
  Route53Client(HttpClient& http, ServiceConfig config, const Clock& clock = RealClock::Instance())
      : http_(http), config_(std::move(config)), clock_(clock) {}

  // Zones in DNS-name order starting at dns_name ("" = from the first), following
  // NextDNSName/NextHostedZoneId through every page.
  Result<std::vector<HostedZone>> ListHostedZonesByName(const std::string& dns_name = "");

 private:
  HttpClient& http_;
  ServiceConfig config_;
  const Clock& clock_;
};

}  // namespace kops::awsapi
