#include "instance/apiserver_routes.h"

#include <nlohmann/json.hpp>
#include <cctype>
#include <optional>
#include <vector>

namespace kops::instance {
namespace {

using Json = nlohmann::json;

struct Kind {
  const char* kind;       // "ConfigMap"
  std::string key;        // etcd key of the object (or prefix for a collection)
  std::string ns;         // "" for nodes
  std::string name;       // "" for a collection
};

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool ValidName(const std::string& s) {
  if (s.empty() || s.size() > 253) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.')) return false;
  return true;
}

// Parses /api/v1/nodes[/name] and /api/v1/namespaces/ns/configmaps[/name].
bool ParsePath(const std::string& path, Kind& out) {
  std::vector<std::string> p = Split(path);
  if (p.size() < 3 || p[0] != "api" || p[1] != "v1") return false;
  if (p[2] == "nodes" && p.size() <= 4) {
    out = {"Node", "/registry/minions/", "", p.size() == 4 ? p[3] : ""};
  } else if (p[2] == "namespaces" && (p.size() == 5 || p.size() == 6) && p[4] == "configmaps") {
    out = {"ConfigMap", "/registry/configmaps/" + p[3] + "/", p[3], p.size() == 6 ? p[5] : ""};
  } else {
    return false;
  }
  if (!out.ns.empty() && !ValidName(out.ns)) return false;
  if (!out.name.empty() && !ValidName(out.name)) return false;
  out.key += out.name;
  return true;
}

ApiResponse FromStatus(const Status& st, const Kind& k) {
  std::string what = std::string(k.kind) + " \"" + k.name + "\"";
  switch (st.code()) {
    case Code::kNotFound: return StatusResponse(404, "NotFound", what + " not found");
    case Code::kAlreadyExists: return StatusResponse(409, "AlreadyExists", what + " already exists");
    case Code::kConflict:
      return StatusResponse(409, "Conflict", "Operation cannot be fulfilled on " + what +
                                                 ": the object has been modified; " + st.message());
    case Code::kUnavailable:
    case Code::kDeadlineExceeded: return StatusResponse(503, "ServiceUnavailable", st.message());
    default: return StatusResponse(500, "InternalError", st.message());
  }
}

// The stored object with its resourceVersion filled in.
Json WithVersion(const std::string& value, int64_t revision) {
  Json j = Json::parse(value, nullptr, false);
  if (!j.is_object()) j = Json::object();
  j["metadata"]["resourceVersion"] = std::to_string(revision);
  return j;
}

ApiResponse Json200(const Json& j, int code = 200) { return {code, j.dump()}; }

// Checks and normalises a body for create/update; returns an error response or nullopt.
std::optional<ApiResponse> PrepareBody(const std::string& body, Kind& k, Json& obj,
                                       int64_t& expected) {
  obj = Json::parse(body, nullptr, false);
  if (!obj.is_object()) return StatusResponse(400, "BadRequest", "the body is not a JSON object");
  Json& meta = obj["metadata"];
  if (!meta.is_object()) return StatusResponse(400, "BadRequest", "metadata is missing");
  std::string name = meta.value("name", "");
  if (!k.name.empty() && name.empty()) name = k.name;
  if (!ValidName(name)) return StatusResponse(400, "BadRequest", "metadata.name \"" + name + "\" is invalid");
  if (!k.name.empty() && name != k.name)
    return StatusResponse(400, "BadRequest", "metadata.name \"" + name + "\" does not match the URL");
  if (k.name.empty()) {
    k.name = name;
    k.key += name;
  }
  meta["name"] = name;
  if (!k.ns.empty()) meta["namespace"] = k.ns;
  expected = 0;
  if (meta.contains("resourceVersion")) {
    std::string rv = meta["resourceVersion"].is_string() ? meta["resourceVersion"].get<std::string>() : "";
    try {
      expected = rv.empty() ? 0 : std::stoll(rv);
    } catch (...) {
      return StatusResponse(400, "BadRequest", "metadata.resourceVersion \"" + rv + "\" is not a number");
    }
    meta.erase("resourceVersion");
  }
  obj["apiVersion"] = "v1";
  obj["kind"] = k.kind;
  return std::nullopt;
}

ApiResponse HandleCollection(const ApiRequest& req, Kind k, ObjectStore& store) {
  if (req.method == "GET") {
    Result<ObjectList> list = store.List(k.key);
    if (!list.ok()) return FromStatus(list.status(), k);
    Json items = Json::array();
    for (const StoredObject& o : list->items) items.push_back(WithVersion(o.value, o.revision));
    return Json200({{"apiVersion", "v1"},
                    {"kind", std::string(k.kind) + "List"},
                    {"metadata", {{"resourceVersion", std::to_string(list->revision)}}},
                    {"items", items}});
  }
  if (req.method == "POST") {
    Json obj;
    int64_t unused = 0;
    if (auto err = PrepareBody(req.body, k, obj, unused)) return *err;
    Result<int64_t> rev = store.Create(k.key, obj.dump());
    if (!rev.ok()) return FromStatus(rev.status(), k);
    obj["metadata"]["resourceVersion"] = std::to_string(*rev);
    return Json200(obj, 201);
  }
  return StatusResponse(405, "MethodNotAllowed", req.method + " is not allowed on " + req.path);
}

ApiResponse HandleItem(const ApiRequest& req, Kind k, ObjectStore& store) {
  if (req.method == "GET") {
    Result<StoredObject> o = store.Get(k.key);
    if (!o.ok()) return FromStatus(o.status(), k);
    return Json200(WithVersion(o->value, o->revision));
  }
  if (req.method == "PUT") {
    Json obj;
    int64_t expected = 0;
    if (auto err = PrepareBody(req.body, k, obj, expected)) return *err;
    Result<int64_t> rev = store.Update(k.key, obj.dump(), expected);
    if (!rev.ok()) return FromStatus(rev.status(), k);
    obj["metadata"]["resourceVersion"] = std::to_string(*rev);
    return Json200(obj);
  }
  if (req.method == "DELETE") {
    Status st = store.Delete(k.key);
    if (!st.ok()) return FromStatus(st, k);
    return Json200({{"apiVersion", "v1"}, {"kind", "Status"}, {"status", "Success"}});
  }
  return StatusResponse(405, "MethodNotAllowed", req.method + " is not allowed on " + req.path);
}

}  // namespace

ApiResponse StatusResponse(int code, const std::string& reason, const std::string& message) {
  Json j = {{"apiVersion", "v1"}, {"kind", "Status"}, {"metadata", Json::object()},
            {"status", "Failure"}, {"message", message}, {"reason", reason}, {"code", code}};
  return {code, j.dump()};
}

ApiResponse HandleApiRequest(const ApiRequest& req, ObjectStore& store) {
  if (req.method == "GET" && (req.path == "/healthz" || req.path == "/livez"))
    return {200, "ok", "text/plain"};
  if (req.method == "GET" && req.path == "/readyz") {
    Status st = store.Ready();
    if (st.ok()) return {200, "ok", "text/plain"};
    return {503, "[-]etcd failed: " + st.message() + "\nreadyz check failed\n", "text/plain"};
  }
  if (req.method == "GET" && req.path == "/version") return {200, kApiVersionJson};
  if (!req.authenticated) return StatusResponse(401, "Unauthorized", "Unauthorized");
  Kind k;
  if (!ParsePath(req.path, k)) return StatusResponse(404, "NotFound", "the server could not find the requested resource");
  return k.name.empty() ? HandleCollection(req, k, store) : HandleItem(req, k, store);
}

}  // namespace kops::instance
