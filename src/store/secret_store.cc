#include "store/secret_store.h"

#include <openssl/rand.h>

#include <nlohmann/json.hpp>

#include "base/base64.h"
#include "pki/encoding.h"
#include "store/keystore.h"

namespace kops::store {

std::string NewSecretToken() {
  for (;;) {
    unsigned char random[128];
    RAND_bytes(random, sizeof(random));
    std::string encoded =
        Base64Encode(std::string_view(reinterpret_cast<char*>(random), sizeof(random)));
    std::string token;
    for (char c : encoded)
      if (c != '+' && c != '/' && c != '=') token.push_back(c);
    if (token.size() >= 32) return token.substr(0, 32);
  }
}

std::string EncodeSecretJson(const Secret& secret) {
  return nlohmann::json{{"Data", Base64Encode(secret.data)}}.dump();
}

Result<Secret> DecodeSecretJson(std::string_view text) {
  nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object())
    return InvalidArgument("secret is not a JSON object; expected {\"Data\": \"<base64>\"}");
  auto it = json.find("Data");
  if (it == json.end() || it->is_null()) return Secret{};
  if (!it->is_string()) return InvalidArgument("secret field \"Data\" is not a base64 string");
  auto data = Base64Decode(it->get<std::string>());
  if (!data.ok()) return data.status().WithContext("secret field \"Data\"");
  return Secret{std::move(*data)};
}

SecretStore::SecretStore(Vfs& vfs, std::string cluster_name)
    : vfs_(vfs), cluster_(std::move(cluster_name)) {}

std::string SecretStore::SecretPath(std::string_view name) const {
  return cluster_ + "/secrets/" + std::string(name);
}

Result<Secret> SecretStore::FindSecret(const std::string& name) {
  RETURN_IF_ERROR(ValidateStoreName("secret", name));
  auto object = vfs_.Read(SecretPath(name));
  if (!object.ok() && object.status().code() == Code::kNotFound)
    return NotFound("secret \"" + name + "\" not found at " + vfs_.Url() + "/" + SecretPath(name));
  if (!object.ok()) return object.status();
  auto secret = DecodeSecretJson(object->data);
  if (!secret.ok()) return secret.status().WithContext("reading " + SecretPath(name));
  return secret;
}

Result<Secret> SecretStore::EnsureSecret(const std::string& name) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto existing = FindSecret(name);
    if (existing.ok() || existing.status().code() != Code::kNotFound) return existing;
    Secret created{NewSecretToken()};
    auto written =
        vfs_.Write(SecretPath(name), EncodeSecretJson(created), WriteCondition::MustNotExist());
    if (written.ok()) return created;
    if (written.status().code() != Code::kAlreadyExists) return written.status();
    // Created concurrently by someone else: read theirs.
  }
  return Conflict("secret \"" + name + "\" could not be created or read; retry");
}

Status SecretStore::PutSecret(const std::string& name, const Secret& secret) {
  RETURN_IF_ERROR(ValidateStoreName("secret", name));
  return vfs_.Write(SecretPath(name), EncodeSecretJson(secret)).status();
}

Result<std::vector<std::string>> SecretStore::ListSecrets() {
  std::string prefix = cluster_ + "/secrets/";
  ASSIGN_OR_RETURN(std::vector<std::string> paths, vfs_.List(prefix));
  std::vector<std::string> names;
  for (const std::string& p : paths)
    if (p.find('/', prefix.size()) == std::string::npos) names.push_back(p.substr(prefix.size()));
  return names;
}

}  // namespace kops::store
