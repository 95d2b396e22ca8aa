#include "cli/spec_files.h"
#include "base/time_format.h"

#include <chrono>
#include <ctime>
#include <map>
#include <sstream>

#include "api/validation.h"
#include "base/file_util.h"

namespace kops::cli {

Result<std::vector<api::Object>> ReadObjectFiles(const std::vector<std::string>& files, std::istream& in) {
  if (files.empty()) return InvalidArgument("no file given: use -f FILE (or -f - for standard input)");
  std::vector<api::Object> out;
  for (const auto& f : files) {
    std::string text;
    if (f == "-") {
      std::stringstream ss;
      ss << in.rdbuf();
      text = ss.str();
    } else {
      ASSIGN_OR_RETURN(text, ReadFile(f));
    }
    ASSIGN_OR_RETURN(auto objects, api::DecodeObjects(text, f == "-" ? "<stdin>" : f));
    if (objects.empty()) return InvalidArgument(f + ": no kops objects found");
    for (auto& o : objects) out.push_back(std::move(o));
  }
  return out;
}

Result<std::string> ClusterOfGroup(const api::InstanceGroup& ig, const std::string& fallback) {
  auto it = ig.metadata.labels.find(api::kLabelCluster);
  if (it != ig.metadata.labels.end() && !it->second.empty()) return it->second;
  if (!fallback.empty()) return fallback;
  return InvalidArgument("instance group \"" + ig.name() + "\" has no metadata.labels[\"" +
                         api::kLabelCluster + "\"]: set that label or pass --name");
}

Status ValidateAfterChange(store::Clientset& cs, const api::Cluster& cluster,
                           const std::vector<api::InstanceGroup>& changed,
                           const std::vector<std::string>& removed) {
  std::map<std::string, api::InstanceGroup> groups;
  auto stored = cs.ListInstanceGroups(cluster.name());
  if (stored.ok())
    for (auto& v : *stored) groups[v.object.name()] = std::move(v.object);
  for (const auto& ig : changed) groups[ig.name()] = ig;
  for (const auto& r : removed) groups.erase(r);
  std::vector<api::InstanceGroup> all;
  for (auto& [_, ig] : groups) all.push_back(std::move(ig));
  return api::ValidateAll(cluster, all, false);
}

void StampNewObject(api::Object& object, const store::Clientset& cs) {
  std::visit(
      [&](auto& o) {
        if (o.metadata.creation_timestamp.empty()) {
          o.metadata.creation_timestamp = Rfc3339Utc(std::chrono::system_clock::now());
        }
        if constexpr (std::is_same_v<std::decay_t<decltype(o)>, api::Cluster>) {
          if (o.spec.config_base.empty()) o.spec.config_base = cs.ConfigBaseFor(o.name());
        }
      },
      object);
}

}  // namespace kops::cli
