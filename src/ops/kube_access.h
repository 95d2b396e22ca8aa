// How the operating commands reach a cluster's Kubernetes API on a real cloud, as kops
// does: the kubeconfig context named after the cluster (`kops export kubeconfig` names
// the context, cluster and user so). Its server and CA are used; when its user has no
// client certificate (token or exec plugins are not followed), or there is no such
// context, an admin certificate is issued in memory from the cluster's kubernetes-ca and
// the server is https://<spec.masterPublicName>.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "base/http.h"
#include "base/status.h"

namespace kops::ops {

struct KubeAccess {
  std::string server;  // "https://api.example.com"
  TlsConfig tls;       // ca_pem empty: the keystore's CA is to be used
  std::string source;  // "kubeconfig <path> context <name>" for messages
};

// The context cluster_name of a parsed kubeconfig (null: none), its cluster's server,
// certificate-authority(-data) and insecure-skip-tls-verify, its user's
// client-certificate(-data) and client-key(-data) (files read relative to nothing:
// absolute paths as kubectl writes them). nullopt when there is no such context;
// InvalidArgument naming the field when an entry is malformed.
Result<std::optional<KubeAccess>> KubeAccessFromKubeconfig(const nlohmann::json& config, const std::string& cluster_name,
                                                           const std::string& path);

}  // namespace kops::ops
