#include "api/codec.h"

#include <yaml-cpp/yaml.h>

#include "api/json_encoder.h"
#include "api/yaml_decoder.h"
#include "api/yaml_writer.h"

namespace kops::api {
namespace {

const char* kAcceptedKinds = "\"Cluster\", \"InstanceGroup\"";

// Reads the role as written; "ControlPlane" is kops' newer name for Master.
void NormaliseRole(InstanceGroup& ig) {
  if (ig.spec.role == "ControlPlane") ig.spec.role = kRoleMaster;
}

template <class T>
Result<Object> DecodeDocument(const YAML::Node& doc, const std::string& source) {
  codec::DecodeContext ctx{source, Status::Ok()};
  T object;
  codec::DecodeStruct(doc, object, "", ctx, {"apiVersion", "kind"});
  if (ctx.failed()) return ctx.error;
  if constexpr (std::is_same_v<T, InstanceGroup>) NormaliseRole(object);
  return Object(std::move(object));
}

Result<Object> DecodeOne(const YAML::Node& doc, const std::string& source) {
  int line = doc.Mark().line + 1;
  std::string where = source + ":" + std::to_string(line);
  if (!doc.IsMap()) return InvalidArgument(where + ": expected a kops object (a mapping), got " +
                                           codec::DescribeNode(doc));
  std::string api_version = doc["apiVersion"] ? doc["apiVersion"].as<std::string>("") : "";
  std::string kind = doc["kind"] ? doc["kind"].as<std::string>("") : "";
  if (api_version != kApiVersionV1Alpha2)
    return InvalidArgument(where + ": field apiVersion: \"" + api_version +
                           "\" is not supported; accepted: \"" + kApiVersionV1Alpha2 + "\"");
  if (kind == "Cluster") return DecodeDocument<Cluster>(doc, source);
  if (kind == "InstanceGroup") return DecodeDocument<InstanceGroup>(doc, source);
  return InvalidArgument(where + ": field kind: \"" + kind + "\" is not a kops object kind; accepted: " +
                         kAcceptedKinds);
}

template <class T>
nlohmann::json WithTypeMeta(const T& object, const char* kind) {
  nlohmann::json out = codec::EncodeStruct(object);
  out["apiVersion"] = kApiVersionV1Alpha2;
  out["kind"] = kind;
  if (!out.contains("spec")) out["spec"] = nlohmann::json::object();
  return out;
}

}  // namespace

Result<std::vector<Object>> DecodeObjects(std::string_view text, const std::string& source) {
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    return InvalidArgument(source + ":" + std::to_string(e.mark.line + 1) +
                           ": malformed YAML: " + e.msg);
  }
  std::vector<Object> out;
  for (const auto& doc : docs) {
    if (doc.IsNull()) continue;
    ASSIGN_OR_RETURN(Object obj, DecodeOne(doc, source));
    out.push_back(std::move(obj));
  }
  return out;
}

template <class T>
Result<T> DecodeSingle(std::string_view text, const std::string& source, const char* kind) {
  ASSIGN_OR_RETURN(auto objects, DecodeObjects(text, source));
  if (objects.size() != 1 || !std::holds_alternative<T>(objects[0]))
    return InvalidArgument(source + ": expected exactly one " + kind + " object, found " +
                           std::to_string(objects.size()) + " object(s)");
  return std::get<T>(std::move(objects[0]));
}

Result<Cluster> DecodeCluster(std::string_view text, const std::string& source) {
  return DecodeSingle<Cluster>(text, source, "Cluster");
}

Result<InstanceGroup> DecodeInstanceGroup(std::string_view text, const std::string& source) {
  return DecodeSingle<InstanceGroup>(text, source, "InstanceGroup");
}

nlohmann::json ToJson(const Cluster& cluster) { return WithTypeMeta(cluster, "Cluster"); }
nlohmann::json ToJson(const InstanceGroup& ig) { return WithTypeMeta(ig, "InstanceGroup"); }
nlohmann::json ToJson(const Object& object) {
  return std::visit([](const auto& o) { return ToJson(o); }, object);
}

std::string ToYaml(const Object& object) { return ToYamlText(ToJson(object)); }
std::string ToJsonText(const Object& object) { return ToJson(object).dump(2) + "\n"; }

std::string ObjectsToYaml(const std::vector<Object>& objects) {
  std::vector<nlohmann::json> docs;
  for (const auto& o : objects) docs.push_back(ToJson(o));
  return ToYamlDocuments(docs);
}

std::string ObjectsToJson(const std::vector<Object>& objects, bool as_list) {
  if (as_list) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& o : objects) list.push_back(ToJson(o));
    return list.dump(2) + "\n";
  }
  std::string out;
  for (const auto& o : objects) out += ToJsonText(o);
  return out;
}

const std::string& ObjectName(const Object& object) {
  return std::visit([](const auto& o) -> const std::string& { return o.metadata.name; }, object);
}

const char* ObjectKind(const Object& object) {
  return std::holds_alternative<Cluster>(object) ? "Cluster" : "InstanceGroup";
}

}  // namespace kops::api
