// The API stand-in's request handling, without any network: a request (method, path,
// body, whether the client certificate was verified) in, a Kubernetes-shaped JSON
// answer out. kube-apiserver cannot be installed here; this serves the part of its API
// that kops, kubectl get --raw and the probe use:
//
//   public:  GET /healthz /livez (200 "ok"), /readyz (200 "ok"; 503 when etcd main has no
//            quorum), /version
//   authenticated (401 otherwise):
//     /api/v1/nodes                          GET list, POST create
//     /api/v1/nodes/{name}                   GET, PUT (update), DELETE
//     /api/v1/namespaces/{ns}/configmaps     GET list, POST create (201; 409 exists)
//     /api/v1/namespaces/{ns}/configmaps/{n} GET, PUT (409 on a stale resourceVersion),
//                                            DELETE
// Objects live in etcd main under /registry/minions/<name> and
// /registry/configmaps/<ns>/<name>; metadata.resourceVersion is the key's mod_revision.
// Store failures that mean lost quorum answer 503 with the store's message; other
// errors use Kubernetes' Status object (reason NotFound, AlreadyExists, Conflict,
// BadRequest, MethodNotAllowed, Unauthorized).
#pragma once

#include <string>

#include "instance/object_store.h"

namespace kops::instance {

struct ApiRequest {
  std::string method;  // "GET", "POST", "PUT", "DELETE"
  std::string path;    // without the query string
  std::string body;
  bool authenticated = false;  // a client certificate signed by the cluster CA
};

struct ApiResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
};

inline constexpr char kApiVersionJson[] =
    R"({"major":"1","minor":"32","gitVersion":"v1.32.0-kops-local","platform":"linux/amd64"})";

ApiResponse HandleApiRequest(const ApiRequest& request, ObjectStore& store);

// A Kubernetes Status object answer.
ApiResponse StatusResponse(int code, const std::string& reason, const std::string& message);

}  // namespace kops::instance
