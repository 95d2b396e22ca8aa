#include "ops/kube_nodes.h"

#include "ops/json_fields.h"

namespace kops::ops {

std::string InstanceIdOfProviderId(const std::string& provider_id) {
  const std::string prefix = "aws:///";
  if (provider_id.rfind(prefix, 0) != 0) return "";
  const std::string rest = provider_id.substr(prefix.size());  // "<zone>/<instance-id>"
  const size_t slash = rest.find('/');
  if (slash == std::string::npos || slash == 0) return "";
  const std::string id = rest.substr(slash + 1);
  if (id.empty() || id.find('/') != std::string::npos) return "";
  return id;
}

std::map<std::string, std::string> NodeNamesByInstance(const std::vector<nlohmann::json>& nodes) {
  std::map<std::string, std::string> out;
  for (const nlohmann::json& n : nodes) {
    const std::string id = InstanceIdOfProviderId(StringAt(ObjectAt(n, "spec"), "providerID"));
    const std::string name = StringAt(ObjectAt(n, "metadata"), "name");
    if (!id.empty() && !name.empty()) out.emplace(id, name);
  }
  return out;
}

}  // namespace kops::ops
