// Keystore's SSH public keys: <cluster>/pki/ssh/public/admin/<fingerprint without colons>.
#include "base/strings.h"
#include "store/keystore.h"

namespace kops::store {

std::string Keystore::SSHPublicKeyDir() const { return cluster_ + "/pki/ssh/public/admin/"; }

Result<std::string> Keystore::AddSSHPublicKey(std::string_view public_key) {
  auto key = pki::ParseSshPublicKey(Trim(public_key));
  if (!key.ok()) return key.status().WithContext("adding SSH public key");
  std::string fingerprint = pki::OpenSshMd5Fingerprint(*key);
  // kops writes the bytes it was given, under the fingerprint without colons.
  std::string path = SSHPublicKeyDir() + ReplaceAll(fingerprint, ":", "");
  RETURN_IF_ERROR(vfs_.Write(path, std::string(public_key)).status());
  return fingerprint;
}

Result<std::vector<pki::SshPublicKey>> Keystore::ListSSHPublicKeys() {
  ASSIGN_OR_RETURN(std::vector<std::string> paths, vfs_.List(SSHPublicKeyDir()));
  std::vector<pki::SshPublicKey> keys;
  for (const std::string& path : paths) {
    auto object = vfs_.Read(path);
    if (!object.ok() && object.status().code() == Code::kNotFound) continue;  // deleted meanwhile
    if (!object.ok()) return object.status();
    auto key = pki::ParseSshPublicKey(Trim(object->data));
    if (!key.ok()) return key.status().WithContext("reading " + path);
    keys.push_back(std::move(*key));
  }
  return keys;
}

Status Keystore::DeleteSSHPublicKeys() {
  ASSIGN_OR_RETURN(std::vector<std::string> paths, vfs_.List(SSHPublicKeyDir()));
  for (const std::string& path : paths) RETURN_IF_ERROR(vfs_.Delete(path));
  return Status::Ok();
}

}  // namespace kops::store
