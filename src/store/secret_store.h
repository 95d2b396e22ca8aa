// SecretStore: a cluster's shared secrets in the state store, as kops keeps them:
//
//   <cluster>/secrets/<name>    {"Data":"<base64 of the secret bytes>"}
//
// (Go's json.Marshal of fi.Secret{Data []byte}.) New secrets are kops' tokens: 32
// characters of base64 without '+', '/' and '=' drawn from 128 random bytes.
// Concurrency: EnsureSecret creates with a must-not-exist write, so concurrent creators
// all end up with the one stored secret. The Vfs is not owned and must outlive the store.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/vfs.h"

namespace kops::store {

struct Secret {
  std::string data;  // raw bytes
  friend bool operator==(const Secret&, const Secret&) = default;
};

// kops' fi.CreateSecret token.
std::string NewSecretToken();

// {"Data":"<base64>"}, and its inverse (InvalidArgument names what is wrong).
std::string EncodeSecretJson(const Secret& secret);
Result<Secret> DecodeSecretJson(std::string_view json);

class SecretStore {
 public:
  SecretStore(Vfs& vfs, std::string cluster_name);

  // NotFound when there is no such secret.
  Result<Secret> FindSecret(const std::string& name);
  // The stored secret, creating it with NewSecretToken() when absent.
  Result<Secret> EnsureSecret(const std::string& name);
  // Creates or replaces the secret.
  Status PutSecret(const std::string& name, const Secret& secret);
  // Secret names, sorted.
  Result<std::vector<std::string>> ListSecrets();

  std::string SecretPath(std::string_view name) const;

 private:
  Vfs& vfs_;
  std::string cluster_;
};

}  // namespace kops::store
