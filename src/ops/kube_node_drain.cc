#include "ops/kube_node_drain.h"

#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "ops/json_fields.h"

namespace kops::ops {

namespace {

using nlohmann::json;

std::string Quoted(const std::string& s) { return "\"" + s + "\""; }

// The Status code for an HTTP answer that is not a success.
Code CodeOfHttp(int status) {
  if (status == 401 || status == 403) return Code::kPermissionDenied;
  if (status == 404) return Code::kNotFound;
  if (status == 409) return Code::kConflict;
  return Code::kUnavailable;
}

bool OwnedByDaemonSet(const json& meta) {
  auto refs = meta.find("ownerReferences");
  if (refs == meta.end() || !refs->is_array()) return false;
  for (const json& ref : *refs) {
    if (StringAt(ref, "kind") != "DaemonSet") continue;
    auto controller = ref.find("controller");
    if (controller != ref.end() && controller->is_boolean() && controller->get<bool>()) return true;
  }
  return false;
}

bool IsMirrorPod(const json& meta) {
  const json& annotations = ObjectAt(meta, "annotations");
  return annotations.contains("kubernetes.io/config.mirror");
}

bool HasDeletionTimestamp(const json& meta) {
  auto it = meta.find("deletionTimestamp");
  return it != meta.end() && !it->is_null();
}

void Remains(DrainStep& step, const std::string& pod, const std::string& why) {
  step.remaining.push_back(pod);
  step.reasons[pod] = why;
}

}  // namespace

std::string PercentEncode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

Status CordonNode(ApiClient& api, const std::string& node) {
  if (node.empty()) return InvalidArgument("cordon: the node name is empty");
  const std::string path = "/api/v1/nodes/" + PercentEncode(node);
  const json patch = {{"spec", {{"unschedulable", true}}}};
  ASSIGN_OR_RETURN(HttpResponse r,
                   api.Do("PATCH", path, patch.dump(), "application/strategic-merge-patch+json"));
  if (r.status == 200) return Status::Ok();
  if (r.status == 404)
    return NotFound("cordon: node " + Quoted(node) + " not found in the Kubernetes API");
  return Status(CodeOfHttp(r.status), "cordon node " + Quoted(node) + ": PATCH " + path +
                                          ": HTTP " + std::to_string(r.status) + ": " +
                                          BodySummary(r.body));
}

Status DeleteNode(ApiClient& api, const std::string& node) {
  if (node.empty()) return InvalidArgument("delete node: the node name is empty");
  const std::string path = "/api/v1/nodes/" + PercentEncode(node);
  ASSIGN_OR_RETURN(HttpResponse r, api.Do("DELETE", path));
  if (r.status == 200 || r.status == 202 || r.status == 404) return Status::Ok();
  return Status(CodeOfHttp(r.status), "delete node " + Quoted(node) + ": DELETE " + path + ": HTTP " +
                                          std::to_string(r.status) + ": " + BodySummary(r.body));
}

Result<DrainStep> EvictPodsOnce(ApiClient& api, const std::string& node) {
  if (node.empty()) return InvalidArgument("drain: the node name is empty");
  Result<json> list =
      api.GetJson("/api/v1/pods?fieldSelector=" + PercentEncode("spec.nodeName=" + node));
  if (!list.ok())
    return Status(list.status().code(),
                  "drain node " + Quoted(node) + ": list its pods: " + list.status().message());
  auto items = list->find("items");
  if (!list->is_object() || items == list->end() || !items->is_array())
    return Unavailable("drain node " + Quoted(node) + ": the pod list has no items array");

  DrainStep step;
  for (const json& pod : *items) {
    const json& meta = ObjectAt(pod, "metadata");
    const std::string ns = StringAt(meta, "namespace");
    const std::string name = StringAt(meta, "name");
    if (ns.empty() || name.empty())
      return Unavailable("drain node " + Quoted(node) + ": a listed pod has no namespace or name");
    const std::string id = ns + "/" + name;
    if (OwnedByDaemonSet(meta) || IsMirrorPod(meta)) {
      step.skipped.push_back(id);
      continue;
    }
    const std::string phase = StringAt(ObjectAt(pod, "status"), "phase");
    if (phase == "Succeeded" || phase == "Failed") continue;  // not running: nothing to move
    if (HasDeletionTimestamp(meta)) {
      Remains(step, id, "terminating");
      continue;
    }
    const std::string path =
        "/api/v1/namespaces/" + PercentEncode(ns) + "/pods/" + PercentEncode(name) + "/eviction";
    const json eviction = {{"apiVersion", "policy/v1"},
                           {"kind", "Eviction"},
                           {"metadata", {{"name", name}, {"namespace", ns}}}};
    Result<HttpResponse> r = api.Do("POST", path, eviction.dump());
    if (!r.ok())
      return Status(r.status().code(), "drain node " + Quoted(node) + ": evict pod " + id + ": " +
                                           r.status().message());
    if (r->status == 200 || r->status == 201) {
      ++step.evicted;
      Remains(step, id, "evicted, terminating");
    } else if (r->status == 404) {
      continue;  // gone already
    } else if (r->status == 429) {
      Remains(step, id, "eviction refused by a disruption budget: " + BodySummary(r->body));
    } else {
      return Status(CodeOfHttp(r->status), "drain node " + Quoted(node) + ": evict pod " + id +
                                               ": HTTP " + std::to_string(r->status) + ": " +
                                               BodySummary(r->body));
    }
  }
  return step;
}

std::string DescribeRemaining(const DrainStep& step, size_t limit) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < step.remaining.size() && i < limit; ++i) {
    const std::string& pod = step.remaining[i];
    auto why = step.reasons.find(pod);
    parts.push_back(why == step.reasons.end() ? pod : pod + " (" + why->second + ")");
  }
  if (step.remaining.size() > limit)
    parts.push_back("and " + std::to_string(step.remaining.size() - limit) + " more");
  return Join(parts, ", ");
}

}  // namespace kops::ops
