#include "instance/volume_claimer.h"

#include <algorithm>

namespace kops::instance {

std::pair<std::string, std::string> EtcdVolumeTag(const std::string& etcd_cluster,
                                                  const std::string& member,
                                                  std::vector<std::string> all_members) {
  // kops sorts the member names (pkg/model/master_volumes.go); the spec's order is
  // create's placement order (a-1, b-1, c-1, a-2, ...), which differs from 5 members on.
  std::sort(all_members.begin(), all_members.end());
  std::string all;
  for (const std::string& m : all_members) all += (all.empty() ? "" : ",") + m;
  return {"k8s.io/etcd/" + etcd_cluster, member + "/" + all};
}

}  // namespace kops::instance
