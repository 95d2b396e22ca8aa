#include "ops/kubeconfig.h"

#include <cstdlib>
#include <filesystem>

#include "api/yaml_writer.h"
#include "base/base64.h"
#include "base/file_util.h"
#include "base/strings.h"
#include "channels/convert/yaml_json.h"
#include "pki/encoding.h"

namespace kops::ops {

using nlohmann::json;

namespace {

// Replaces the entry named name in list (or appends it).
void Upsert(json& list, const std::string& name, json entry) {
  if (!list.is_array()) list = json::array();
  for (auto& e : list) {
    if (e.is_object() && e.value("name", "") == name) {
      e = std::move(entry);
      return;
    }
  }
  list.push_back(std::move(entry));
}

void RestoreBooleans(json& j) {
  static const char* kBoolKeys[] = {"insecure-skip-tls-verify", "disable-compression", "provideClusterInfo",
                                    "colors"};
  if (j.is_array()) {
    for (auto& e : j) RestoreBooleans(e);
    return;
  }
  if (!j.is_object()) return;
  for (auto& [key, value] : j.items()) {
    for (const char* k : kBoolKeys) {
      if (key == k && value.is_string() && (value == "true" || value == "false")) value = (value == "true");
    }
    RestoreBooleans(value);
  }
}

}  // namespace

json MergeKubeconfig(const json& existing, const KubeconfigEntry& e) {
  json config = existing.is_object() ? existing : json::object();
  config["apiVersion"] = "v1";
  config["kind"] = "Config";
  if (!config.contains("preferences") || !config["preferences"].is_object()) config["preferences"] = json::object();
  json cluster = {{"server", e.server}, {"certificate-authority-data", Base64Encode(e.ca_pem)}};
  if (!e.tls_server_name.empty()) cluster["tls-server-name"] = e.tls_server_name;
  Upsert(config["clusters"], e.name, {{"name", e.name}, {"cluster", cluster}});
  json user = json::object();
  if (!e.client_cert_pem.empty()) {
    user["client-certificate-data"] = Base64Encode(e.client_cert_pem);
    user["client-key-data"] = Base64Encode(e.client_key_pem);
  }
  Upsert(config["users"], e.name, {{"name", e.name}, {"user", user}});
  Upsert(config["contexts"], e.name, {{"name", e.name}, {"context", {{"cluster", e.name}, {"user", e.name}}}});
  config["current-context"] = e.name;
  return config;
}

Result<json> ParseKubeconfig(const std::string& text, const std::string& source) {
  if (Trim(text).empty()) return json(nullptr);
  ASSIGN_OR_RETURN(json j, channels::YamlToJson(text, source));
  if (!j.is_object() && !j.is_null()) {
    return InvalidArgument(source + ": a kubeconfig must be a mapping (apiVersion: v1, kind: Config)");
  }
  RestoreBooleans(j);
  return j;
}

std::string RenderKubeconfig(const json& config) { return api::ToYamlText(config); }

std::string KubeconfigPath(const std::string& explicit_path) {
  if (!explicit_path.empty()) return explicit_path;
  if (const char* env = std::getenv("KUBECONFIG"); env && *env) {
    for (const std::string& p : Split(env, ':'))
      if (!p.empty()) return p;
  }
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.kube/config";
}

Status WriteKubeconfig(const std::string& path, const KubeconfigEntry& entry) {
  json existing(nullptr);
  if (PathExists(path)) {
    ASSIGN_OR_RETURN(std::string text, ReadFile(path));
    ASSIGN_OR_RETURN(existing, ParseKubeconfig(text, path));
  }
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty() && !PathExists(parent.string())) RETURN_IF_ERROR(MakeDirs(parent.string(), 0700));
  return WriteFileAtomic(path, RenderKubeconfig(MergeKubeconfig(existing, entry)), 0600);
}

}  // namespace kops::ops
