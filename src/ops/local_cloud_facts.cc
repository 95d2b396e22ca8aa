#include "ops/local_cloud_facts.h"

#include "base/strings.h"

namespace kops::ops {

namespace local = kops::cloud::local;

Result<LocalCloudFacts> FactsFromStatus(const local::Json& status, const std::string& cluster_id) {
  ASSIGN_OR_RETURN(local::CloudState state, local::CloudStateFromJson(status));
  LocalCloudFacts facts;
  for (const auto& [key, g] : state.groups)
    if (g.cluster_id == cluster_id) facts.groups.push_back(g);
  std::vector<const local::LoadBalancer*> lbs;
  for (const auto& [key, lb] : state.load_balancers)
    if (lb.cluster_id == cluster_id) lbs.push_back(&lb);
  const local::LoadBalancer* chosen = nullptr;
  for (const auto* lb : lbs)
    if (lb->name == "api") chosen = lb;
  for (const auto* lb : lbs)
    if (!chosen && StartsWith(lb->name, "api")) chosen = lb;
  if (!chosen && lbs.size() == 1) chosen = lbs[0];
  if (chosen) facts.api_lb = *chosen;
  return facts;
}

Result<LocalCloudFacts> FetchLocalCloudFacts(local::LocalCloudClient& client, const local::ClusterRef& ref) {
  ASSIGN_OR_RETURN(local::Json status, client.GetStatus());
  ASSIGN_OR_RETURN(LocalCloudFacts facts, FactsFromStatus(status, local::ClusterId(ref.store_url, ref.cluster)));
  ASSIGN_OR_RETURN(facts.instances, client.DescribeInstances(ref));
  return facts;
}

Result<std::string> LocalApiEndpoint(const LocalCloudFacts& facts, const std::string& cluster) {
  if (!facts.api_lb || facts.api_lb->address.empty()) {
    return FailedPrecondition("cluster " + cluster +
                              " has no API load balancer in the local cloud: run kops update cluster " + cluster +
                              " --yes first");
  }
  return "https://" + facts.api_lb->address + ":" + std::to_string(facts.api_lb->port);
}

}  // namespace kops::ops
