// JSON encoding of the cloud state model (model.h), shared by the state directory and
// the API codec. The only header of this folder that includes nlohmann-json. Decoders
// never throw: a document of the wrong shape is kInvalidArgument naming the field.
#pragma once

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "cloud/local/model.h"

namespace kops::cloud::local {

using Json = nlohmann::json;

Json ToJson(const LaunchSpec& v);
Json ToJson(const Group& v);
Json ToJson(const Instance& v);
Json ToJson(const Volume& v);
Json ToJson(const LoadBalancer& v);
Json ToJson(const ZoneRange& v);
Json ToJson(const CloudState& v);

Result<LaunchSpec> LaunchSpecFromJson(const Json& j);
Result<Group> GroupFromJson(const Json& j);
Result<Instance> InstanceFromJson(const Json& j);
Result<Volume> VolumeFromJson(const Json& j);
Result<LoadBalancer> LoadBalancerFromJson(const Json& j);
Result<ZoneRange> ZoneRangeFromJson(const Json& j);
Result<CloudState> CloudStateFromJson(const Json& j);

}  // namespace kops::cloud::local
