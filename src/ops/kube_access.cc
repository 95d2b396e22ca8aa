#include "ops/kube_access.h"

#include "base/base64.h"
#include "base/file_util.h"

namespace kops::ops {

namespace {

using nlohmann::json;

// The entry named name of the kubeconfig's list key ("contexts", "clusters", "users").
const json* Named(const json& config, const std::string& key, const std::string& name) {
  if (!config.is_object() || !config.contains(key) || !config[key].is_array()) return nullptr;
  for (const json& e : config[key])
    if (e.is_object() && e.value("name", "") == name) return &e;
  return nullptr;
}

std::string Text(const json& object, const std::string& key) {
  if (!object.is_object() || !object.contains(key) || !object[key].is_string()) return "";
  return object[key].get<std::string>();
}

// PEM from "<field>-data" (base64) or "<field>" (a file), "" when neither is set.
Result<std::string> Pem(const json& object, const std::string& field, const std::string& where) {
  std::string data = Text(object, field + "-data");
  if (!data.empty()) {
    Result<std::string> pem = Base64Decode(data);
    if (!pem.ok()) return InvalidArgument(where + ": " + field + "-data is not base64: " + pem.status().message());
    return *pem;
  }
  std::string file = Text(object, field);
  if (file.empty()) return std::string();
  Result<std::string> pem = ReadFile(file);
  if (!pem.ok()) return InvalidArgument(where + ": " + field + " \"" + file + "\": " + pem.status().message());
  return *pem;
}

}  // namespace

Result<std::optional<KubeAccess>> KubeAccessFromKubeconfig(const json& config, const std::string& cluster_name,
                                                           const std::string& path) {
  const json* context = Named(config, "contexts", cluster_name);
  if (!context) return std::optional<KubeAccess>();
  const std::string where = "kubeconfig " + path + " context " + cluster_name;
  const json& ctx = (*context).contains("context") ? (*context)["context"] : json();
  std::string cluster_ref = Text(ctx, "cluster"), user_ref = Text(ctx, "user");
  const json* cluster = Named(config, "clusters", cluster_ref);
  if (!cluster || !(*cluster).contains("cluster")) {
    return InvalidArgument(where + ": cluster \"" + cluster_ref + "\" is not in the file's clusters");
  }
  const json& c = (*cluster)["cluster"];
  KubeAccess access;
  access.source = where;
  access.server = Text(c, "server");
  if (access.server.rfind("https://", 0) != 0) {
    return InvalidArgument(where + ": server \"" + access.server + "\" is not an https:// URL");
  }
  ASSIGN_OR_RETURN(access.tls.ca_pem, Pem(c, "certificate-authority", where));
  access.tls.insecure_skip_verify = c.is_object() && c.contains("insecure-skip-tls-verify") &&
                                    c["insecure-skip-tls-verify"].is_boolean() &&
                                    c["insecure-skip-tls-verify"].get<bool>();
  if (const json* user = Named(config, "users", user_ref); user && (*user).contains("user")) {
    ASSIGN_OR_RETURN(access.tls.cert_pem, Pem((*user)["user"], "client-certificate", where));
    ASSIGN_OR_RETURN(access.tls.key_pem, Pem((*user)["user"], "client-key", where));
    if (access.tls.cert_pem.empty() != access.tls.key_pem.empty()) {
      return InvalidArgument(where + ": user \"" + user_ref + "\" has a client certificate without its key (or the "
                             "reverse)");
    }
  }
  return std::optional<KubeAccess>(std::move(access));
}

}  // namespace kops::ops
