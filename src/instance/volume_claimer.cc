#include "instance/volume_claimer.h"

namespace kops::instance {

std::pair<std::string, std::string> EtcdVolumeTag(const std::string& etcd_cluster,
                                                  const std::string& member,
                                                  const std::vector<std::string>& all_members) {
  std::string all;
  for (const std::string& m : all_members) all += (all.empty() ? "" : ",") + m;
  return {"k8s.io/etcd/" + etcd_cluster, member + "/" + all};
}

}  // namespace kops::instance
