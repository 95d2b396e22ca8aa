// CloudService: the load-balancer calls of a rolling update (DrainBackend,
// DescribeBackends), answered from haproxy's runtime API.
#include "cloud/local/lb_manager.h"
#include "cloud/local/service.h"

namespace kops::cloud::local {

Result<Json> CloudService::Do(const DrainBackendRequest& r) {
  auto it = state_.instances.find(r.instance_id);
  if (it == state_.instances.end() || it->second.cluster_id != ClusterId(r.ref.store_url, r.ref.cluster)) {
    return NotFound("instance " + r.instance_id + " does not exist in cluster " + r.ref.cluster);
  }
  RETURN_IF_ERROR(lbs_.DrainOrError(state_, r.instance_id));
  return Json::object();
}

Result<Json> CloudService::Do(const DescribeBackendsRequest& r) {
  std::string cluster = ClusterId(r.ref.store_url, r.ref.cluster);
  Json list = Json::array();
  for (const auto& [key, lb] : state_.load_balancers) {
    if (lb.cluster_id != cluster) continue;
    ASSIGN_OR_RETURN(std::vector<HaproxyServerStat> servers, lbs_.ServerStats(lb));
    for (const HaproxyServerStat& s : servers) {
      list.push_back({{"load_balancer", lb.name}, {"instance_id", s.name}, {"status", s.status},
                      {"connections", s.sessions}});
    }
  }
  return Json{{"backends", list}};
}

}  // namespace kops::cloud::local
