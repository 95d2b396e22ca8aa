// Reading and writing kops objects (kops.k8s.io/v1alpha2 Cluster and InstanceGroup) as
// YAML or JSON, as kops does. Decoding is strict: unknown fields, wrong types and
// malformed documents are InvalidArgument errors naming source, line and field.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "api/cluster.h"
#include "api/instance_group.h"
#include "base/status.h"

namespace kops::api {

using Object = std::variant<Cluster, InstanceGroup>;

// Every non-empty document of a (multi-document) YAML or JSON text.
Result<std::vector<Object>> DecodeObjects(std::string_view text, const std::string& source);
Result<Cluster> DecodeCluster(std::string_view text, const std::string& source);
Result<InstanceGroup> DecodeInstanceGroup(std::string_view text, const std::string& source);

// The object as kops serialises it, apiVersion and kind included.
nlohmann::json ToJson(const Cluster& cluster);
nlohmann::json ToJson(const InstanceGroup& ig);
nlohmann::json ToJson(const Object& object);

// One object as YAML / as indented JSON (with a trailing newline).
std::string ToYaml(const Object& object);
std::string ToJsonText(const Object& object);

// kops' multi-object output: YAML documents separated by "---", or JSON objects
// one after another (a list when as_list).
std::string ObjectsToYaml(const std::vector<Object>& objects);
std::string ObjectsToJson(const std::vector<Object>& objects, bool as_list);

const std::string& ObjectName(const Object& object);
const char* ObjectKind(const Object& object);

}  // namespace kops::api
