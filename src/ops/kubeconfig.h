// Kubeconfig files as `kops export kubeconfig` writes them: one cluster, context and
// user named after the cluster, merged into an existing file the way kubectl's
// clientcmd merges (entries of the same name replaced, others kept in order,
// current-context set), written as YAML (apiVersion v1, kind Config) with mode 0600.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace kops::ops {

struct KubeconfigEntry {
  std::string name;             // cluster, context and user name: the cluster name
  std::string server;           // "https://..."
  std::string tls_server_name;  // checked against the server certificate; "" = host of server
  std::string ca_pem;           // certificate-authority-data
  std::string client_cert_pem;  // empty: a user without credentials
  std::string client_key_pem;
};

// existing: a parsed kubeconfig, or null for none.
nlohmann::json MergeKubeconfig(const nlohmann::json& existing, const KubeconfigEntry& entry);

// YAML (or JSON) text -> JSON; booleans kubectl expects (insecure-skip-tls-verify,
// disable-compression, provideClusterInfo, colors) become JSON booleans again.
Result<nlohmann::json> ParseKubeconfig(const std::string& text, const std::string& source);

std::string RenderKubeconfig(const nlohmann::json& config);

// The file to write: explicit when set, else the first entry of $KUBECONFIG, else
// $HOME/.kube/config.
std::string KubeconfigPath(const std::string& explicit_path);

// Reads path (when it exists), merges entry, writes it back (directories created 0700).
Status WriteKubeconfig(const std::string& path, const KubeconfigEntry& entry);

}  // namespace kops::ops
