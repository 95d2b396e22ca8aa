#include "store/clientset.h"

#include <set>

#include "api/codec.h"
#include "base/strings.h"

namespace kops::store {
namespace {

std::string ConfigPath(const std::string& cluster) { return cluster + "/config"; }
std::string GroupDir(const std::string& cluster) { return cluster + "/instancegroup/"; }
std::string GroupPath(const std::string& cluster, const std::string& ig) {
  return GroupDir(cluster) + ig;
}

}  // namespace

Clientset::Clientset(std::unique_ptr<Vfs> vfs) : vfs_(std::move(vfs)) {}

std::string Clientset::ConfigBaseFor(const std::string& cluster_name) const {
  return vfs_->Url() + "/" + cluster_name;
}

Result<std::vector<std::string>> Clientset::ListClusterNames() {
  ASSIGN_OR_RETURN(auto paths, vfs_->List(""));
  std::set<std::string> names;
  for (const auto& p : paths) {
    auto slash = p.find('/');
    if (slash != std::string::npos && p.substr(slash + 1) == "config") names.insert(p.substr(0, slash));
  }
  return std::vector<std::string>(names.begin(), names.end());
}

Result<Versioned<api::Cluster>> Clientset::GetCluster(const std::string& name) {
  auto obj = vfs_->Read(ConfigPath(name));
  if (!obj.ok()) {
    if (obj.status().code() == Code::kNotFound)
      return NotFound("cluster \"" + name + "\" not found in state store " + vfs_->Url());
    return obj.status();
  }
  ASSIGN_OR_RETURN(api::Cluster cluster,
                   api::DecodeCluster(obj->data, vfs_->Url() + "/" + ConfigPath(name)));
  return Versioned<api::Cluster>{std::move(cluster), obj->version};
}

Status Clientset::UpdateCluster(const api::Cluster& cluster, const std::string& version) {
  auto w = vfs_->Write(ConfigPath(cluster.name()), api::ToYaml(cluster), WriteCondition::MustMatch(version));
  return w.ok() ? Status::Ok() : w.status();
}

Result<std::vector<Versioned<api::InstanceGroup>>> Clientset::ListInstanceGroups(
    const std::string& cluster) {
  ASSIGN_OR_RETURN(auto paths, vfs_->List(GroupDir(cluster)));
  std::vector<Versioned<api::InstanceGroup>> out;
  for (const auto& p : paths) {
    std::string name = p.substr(GroupDir(cluster).size());
    if (name.empty() || name.find('/') != std::string::npos) continue;
    auto ig = GetInstanceGroup(cluster, name);
    if (!ig.ok()) {
      if (ig.status().code() == Code::kNotFound) continue;  // deleted meanwhile
      return ig.status();
    }
    out.push_back(std::move(*ig));
  }
  return out;
}

Result<Versioned<api::InstanceGroup>> Clientset::GetInstanceGroup(const std::string& cluster,
                                                                  const std::string& name) {
  auto obj = vfs_->Read(GroupPath(cluster, name));
  if (!obj.ok()) {
    if (obj.status().code() == Code::kNotFound)
      return NotFound("instance group \"" + name + "\" not found in cluster \"" + cluster + "\"");
    return obj.status();
  }
  ASSIGN_OR_RETURN(api::InstanceGroup ig,
                   api::DecodeInstanceGroup(obj->data, vfs_->Url() + "/" + GroupPath(cluster, name)));
  return Versioned<api::InstanceGroup>{std::move(ig), obj->version};
}

Status Clientset::CreateInstanceGroup(const std::string& cluster, const api::InstanceGroup& ig) {
  auto w = vfs_->Write(GroupPath(cluster, ig.name()), api::ToYaml(ig), WriteCondition::MustNotExist());
  if (!w.ok() && w.status().code() == Code::kAlreadyExists)
    return AlreadyExists("instance group \"" + ig.name() + "\" already exists in cluster \"" + cluster + "\"");
  return w.ok() ? Status::Ok() : w.status();
}

Status Clientset::UpdateInstanceGroup(const std::string& cluster, const api::InstanceGroup& ig,
                                      const std::string& version) {
  auto w = vfs_->Write(GroupPath(cluster, ig.name()), api::ToYaml(ig), WriteCondition::MustMatch(version));
  return w.ok() ? Status::Ok() : w.status();
}

Status Clientset::DeleteInstanceGroup(const std::string& cluster, const std::string& name) {
  if (!vfs_->Read(GroupPath(cluster, name)).ok())
    return NotFound("instance group \"" + name + "\" not found in cluster \"" + cluster + "\"");
  return vfs_->Delete(GroupPath(cluster, name));
}

Status Clientset::CreateClusterWithGroups(const api::Cluster& cluster,
                                          const std::vector<api::InstanceGroup>& groups) {
  const std::string& name = cluster.name();
  if (vfs_->Read(ConfigPath(name)).ok())
    return AlreadyExists("cluster \"" + name + "\" already exists in state store " + vfs_->Url() +
                         "; use 'kops update cluster' to change it or 'kops delete cluster' first");
  std::vector<std::string> written;
  auto rollback = [&](Status st) {
    for (const auto& p : written) (void)vfs_->Delete(p);
    return st;
  };
  // Groups first, config last: a cluster is visible only once it is complete.
  for (const auto& ig : groups) {
    auto w = vfs_->Write(GroupPath(name, ig.name()), api::ToYaml(ig), WriteCondition::MustNotExist());
    if (!w.ok()) return rollback(w.status());
    written.push_back(GroupPath(name, ig.name()));
  }
  auto w = vfs_->Write(ConfigPath(name), api::ToYaml(cluster), WriteCondition::MustNotExist());
  if (!w.ok()) {
    if (w.status().code() == Code::kAlreadyExists)
      return rollback(AlreadyExists("cluster \"" + name + "\" was created by someone else meanwhile"));
    return rollback(w.status());
  }
  return Status::Ok();
}

Status Clientset::DeleteClusterState(const std::string& name) {
  ASSIGN_OR_RETURN(auto paths, vfs_->List(name + "/"));
  // Config last, so an interrupted delete leaves a cluster that can be deleted again.
  for (const auto& p : paths)
    if (p != ConfigPath(name)) RETURN_IF_ERROR(vfs_->Delete(p));
  return vfs_->Delete(ConfigPath(name));
}

}  // namespace kops::store
