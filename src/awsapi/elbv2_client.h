// Elastic Load Balancing v2 (AWS Query protocol, service "elasticloadbalancing", API
// 2015-12-01): the load balancers and target groups in front of kops' API servers, and the
// target registrations a rolling update drains before terminating an instance.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "awsapi/query_client.h"

namespace kops::awsapi {

struct LoadBalancerV2 {
  std::string arn, name, dns_name;
  std::string type;    // "application", "network", "gateway"
  std::string scheme;  // "internet-facing", "internal"
  std::string state;   // "active", "provisioning", "active_impaired", "failed"
};

struct TargetGroup {
  std::string arn, name, protocol;
  std::string target_type;  // "instance", "ip", "lambda", "alb"
  int port = 0;
  std::vector<std::string> load_balancer_arns;
};

struct TargetHealthDescription {
  std::string target_id;
  int port = 0;
  std::string state;  // "initial", "healthy", "unhealthy", "unused", "draining", "unavailable"
  std::string reason, description;  // "" when AWS gives none (healthy targets)
};

class Elbv2Client {
 public:
  static constexpr char kService[] = "elasticloadbalancing";
  static constexpr char kApiVersion[] = "2015-12-01";

  // http and clock must outlive the client.
  Elbv2Client(HttpClient& http, ServiceConfig config, const Clock& clock = RealClock::Instance())
      : query_(http, std::move(config), kService, kApiVersion, clock) {}

  // The load balancers with those names (all when empty), following NextMarker through all
  // pages. AWS answers LoadBalancerNotFound (an error) when a named one does not exist.
  Result<std::vector<LoadBalancerV2>> DescribeLoadBalancers(const std::vector<std::string>& names);
  // The target groups of one load balancer (all target groups when the arn is ""), all pages.
  Result<std::vector<TargetGroup>> DescribeTargetGroups(const std::string& load_balancer_arn);
  // The health of every target registered in the group (draining ones included).
  Result<std::vector<TargetHealthDescription>> DescribeTargetHealth(
      const std::string& target_group_arn);
  // Instance targets on the group's own port.
  Status DeregisterTargets(const std::string& target_group_arn,
                           const std::vector<std::string>& instance_ids);
  Status RegisterTargets(const std::string& target_group_arn,
                         const std::vector<std::string>& instance_ids);

 private:
  // Calls action once per page (Marker/NextMarker) and hands each page's <list>/<member>
  // elements to read.
  Status ForEachMember(const std::string& action, const Params& params, const char* list,
                       const std::function<Status(const XmlElement&)>& read);
  Status ChangeTargets(const char* action, const std::string& target_group_arn,
                       const std::vector<std::string>& instance_ids);

  QueryClient query_;
};

}  // namespace kops::awsapi
