// CloudService: the load-balancer calls of a rolling update and a control-plane scale
// (DrainBackend, DescribeBackends), answered from haproxy's runtime API. A backend not
// registered yet (lb_manager.h) is described as "INITIAL (<haproxy's status>)", as a
// cloud load balancer reports a target whose health checks have not passed yet: it gets
// no connection whatever haproxy's status says.
#include <algorithm>

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
    std::vector<LoadBalancerBackend> backends = LoadBalancerManager::Backends(state_, lb);
    for (const HaproxyServerStat& s : servers) {
      bool backend = std::any_of(backends.begin(), backends.end(),
                                 [&](const LoadBalancerBackend& b) { return b.name == s.name; });
      bool initial = backend && !lb.registered.count(s.name);
      list.push_back({{"load_balancer", lb.name}, {"instance_id", s.name},
                      {"status", initial ? "INITIAL (" + s.status + ")" : s.status},
                      {"connections", s.sessions}});
    }
  }
  return Json{{"backends", list}};
}

}  // namespace kops::cloud::local
