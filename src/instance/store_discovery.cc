#include "instance/store_discovery.h"

#include <nlohmann/json.hpp>

namespace kops::instance {

StoreDiscovery::StoreDiscovery(store::Vfs& vfs, std::string cluster_name, std::string etcd_cluster)
    : vfs_(vfs), base_(cluster_name + "/backups/etcd/" + etcd_cluster + "/") {}

Status StoreDiscovery::Publish(const etcd::PeerRecord& self) {
  nlohmann::json j = {{"name", self.name}, {"peerURL", self.peer_url}, {"clientURL", self.client_url}};
  return vfs_.Write(base_ + "discovery/" + self.name, j.dump()).status();
}

Result<std::vector<etcd::PeerRecord>> StoreDiscovery::List() {
  ASSIGN_OR_RETURN(std::vector<std::string> paths, vfs_.List(base_ + "discovery/"));
  std::vector<etcd::PeerRecord> out;
  for (const std::string& path : paths) {
    Result<store::VfsObject> obj = vfs_.Read(path);
    if (!obj.ok()) continue;  // removed meanwhile
    nlohmann::json j = nlohmann::json::parse(obj->data, nullptr, false);
    if (!j.is_object()) continue;
    out.push_back({j.value("name", ""), j.value("peerURL", ""), j.value("clientURL", "")});
  }
  return out;
}

Result<bool> StoreDiscovery::IsCreated() {
  Result<store::VfsObject> obj = vfs_.Read(base_ + "control/etcd-cluster-created");
  if (obj.ok()) return true;
  if (obj.status().code() == Code::kNotFound) return false;
  return obj.status();
}

Status StoreDiscovery::MarkCreated() {
  return vfs_.Write(base_ + "control/etcd-cluster-created", "{}").status();
}

}  // namespace kops::instance
