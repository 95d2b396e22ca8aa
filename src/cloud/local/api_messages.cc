#include "cloud/local/api_messages.h"

#include <array>
#include <utility>

#include <nlohmann/json.hpp>

namespace kops::cloud::local {

using Json = nlohmann::json;

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(LaunchSpec, argv, env, working_dir)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ClusterRef, store_url, cluster)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CreateGroupRequest, ref, name, zones, min_size,
                                                max_size, desired, launch, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DeleteGroupRequest, ref, name)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SetDesiredRequest, ref, name, desired)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DescribeInstancesRequest, ref, group)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TerminateInstanceRequest, ref, instance_id,
                                                decrement_desired, force)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ZoneDownRequest, ref, zone)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ZoneUpRequest, ref, zone)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CreateVolumeRequest, ref, zone, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(LoseVolumeRequest, ref, volume_id)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DescribeVolumesRequest, ref, tag_filters, zone)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(AttachVolumeRequest, ref, volume_id, instance_id)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(EnsureLoadBalancerRequest, ref, name, port,
                                                backend_port, groups)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DeleteClusterRequest, ref)
void to_json(Json& j, const StatusRequest&) { j = Json::object(); }
void from_json(const Json&, StatusRequest&) {}
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ClaimVolumeRequest, ref, instance_id, tag_filters)
void to_json(Json& j, const ShutdownRequest&) { j = Json::object(); }
void from_json(const Json&, ShutdownRequest&) {}
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DeleteVolumeRequest, ref, volume_id)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SetVolumeTagsRequest, ref, volume_id, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DrainBackendRequest, ref, instance_id)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DescribeBackendsRequest, ref)

namespace {

// In the order of the Request variant's alternatives.
constexpr std::array<const char*, std::variant_size_v<Request>> kMethods = {
    "CreateGroup",       "DeleteGroup",     "SetDesired",   "DescribeInstances",
    "TerminateInstance", "ZoneDown",        "ZoneUp",       "CreateVolume",
    "LoseVolume",        "DescribeVolumes", "AttachVolume", "EnsureLoadBalancer",
    "DeleteCluster",     "Status",          "ClaimVolume",  "Shutdown",
    "DeleteVolume",      "SetVolumeTags",
    "DrainBackend", "DescribeBackends"};

template <size_t... I>
Request DecodeAlternative(size_t index, const Json& params, std::index_sequence<I...>) {
  Request out;
  ((index == I ? (out = params.get<std::variant_alternative_t<I, Request>>(), 0) : 0), ...);
  return out;
}

}  // namespace

std::string MethodName(const Request& request) { return kMethods[request.index()]; }

std::string EncodeRequest(const Request& request) {
  Json params;
  std::visit([&](const auto& r) { params = r; }, request);
  return Json{{"method", MethodName(request)}, {"params", params}}.dump();
}

Result<Request> DecodeRequest(const std::string& line) {
  Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("method") || !j["method"].is_string()) {
    return InvalidArgument("request: want {\"method\": NAME, \"params\": {...}}");
  }
  std::string method = j["method"];
  for (size_t i = 0; i < kMethods.size(); ++i) {
    if (method != kMethods[i]) continue;
    try {
      Json params = j.value("params", Json::object());
      return DecodeAlternative(i, params, std::make_index_sequence<kMethods.size()>{});
    } catch (const Json::exception& e) {
      return InvalidArgument("request " + method + ": " + e.what());
    }
  }
  return InvalidArgument("request: unknown method \"" + method + "\"");
}

std::string EncodeOkResponse(const std::string& result_json) {
  Json result = Json::parse(result_json, nullptr, false);
  if (result.is_discarded()) result = Json::object();
  return Json{{"ok", true}, {"result", result}}.dump();
}

std::string EncodeErrorResponse(const Status& status) {
  return Json{{"ok", false}, {"code", CodeName(status.code())}, {"error", status.message()}}.dump();
}

Result<std::string> DecodeResponse(const std::string& line) {
  Json j = Json::parse(line, nullptr, false);
  if (!j.is_object() || !j.contains("ok")) return Internal("response: not a daemon response");
  if (j.value("ok", false)) return j.value("result", Json::object()).dump();
  std::string code = j.value("code", "");
  for (int c = 0; c <= static_cast<int>(Code::kInternal); ++c) {
    if (code == CodeName(static_cast<Code>(c))) {
      return Status(static_cast<Code>(c), j.value("error", ""));
    }
  }
  return Internal(j.value("error", "daemon error"));
}

}  // namespace kops::cloud::local
