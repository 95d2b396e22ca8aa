// Nodes of the Kubernetes API and the cloud instances they run on, as kops matches them:
// by the instance a Node's spec.providerID names.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kops::ops {

// "aws:///us-test-1a/i-0123" -> "i-0123"; "" for anything not of that form.
std::string InstanceIdOfProviderId(const std::string& provider_id);

// Node name by instance id, for the Nodes whose providerID names an instance (the first
// Node wins should two name the same instance).
std::map<std::string, std::string> NodeNamesByInstance(const std::vector<nlohmann::json>& nodes);

}  // namespace kops::ops
