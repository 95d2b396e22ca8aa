#include "store/keystore.h"

#include <algorithm>

#include "base/strings.h"
#include "pki/issue.h"
#include "pki/serial.h"

namespace kops::store {
namespace {

constexpr int kWriteAttempts = 3;

// Names kops used before 1.22, read when the new name is absent.
std::string LegacyName(std::string_view name) {
  if (name == "kubernetes-ca") return "ca";
  if (name == "service-account") return "master";
  return "";
}

bool LostRace(const Status& s) {
  return s.code() == Code::kAlreadyExists || s.code() == Code::kConflict;
}

}  // namespace

Status ValidateStoreName(std::string_view kind, std::string_view name) {
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string_view::npos)
    return InvalidArgument(std::string(kind) + " name \"" + std::string(name) +
                           "\" is invalid; expected a non-empty name without '/'");
  return Status::Ok();
}

Keystore::Keystore(Vfs& vfs, std::string cluster_name, KeystoreOptions options)
    : vfs_(vfs), cluster_(std::move(cluster_name)), options_(std::move(options)) {
  if (!options_.generate_key)
    options_.generate_key = [] { return pki::PrivateKey::GenerateDefault(); };
}

std::string Keystore::KeysetPath(std::string_view name) const {
  return cluster_ + "/pki/private/" + std::string(name) + "/keyset.yaml";
}

std::chrono::system_clock::time_point Keystore::WallNow() const {
  return options_.clock ? options_.clock->WallNow() : std::chrono::system_clock::now();
}

Result<pki::PrivateKey> Keystore::NewKey() { return options_.generate_key(); }

Result<Keystore::Stored> Keystore::Load(const std::string& name) {
  RETURN_IF_ERROR(ValidateStoreName("keyset", name));
  auto object = vfs_.Read(KeysetPath(name));
  if (!object.ok()) return object.status();
  auto keyset = DecodeKeysetYaml(object->data);
  if (!keyset.ok()) return keyset.status().WithContext("reading keyset " + KeysetPath(name));
  if (keyset->name.empty()) keyset->name = name;
  return Stored{std::move(*keyset), object->version};
}

Result<Keyset> Keystore::FindKeyset(const std::string& name) {
  auto stored = Load(name);
  if (stored.ok()) return std::move(stored->keyset);
  if (stored.status().code() != Code::kNotFound) return stored.status();
  if (std::string legacy = LegacyName(name); !legacy.empty()) {
    auto old = Load(legacy);
    if (old.ok()) return std::move(old->keyset);
  }
  return NotFound("keyset \"" + name + "\" not found at " + vfs_.Url() + "/" + KeysetPath(name));
}

Status Keystore::StoreKeyset(const Keyset& keyset) {
  RETURN_IF_ERROR(ValidateStoreName("keyset", keyset.name));
  const KeysetItem* primary = keyset.Primary();
  std::string what = "keyset \"" + keyset.name + "\"";
  if (!primary) return InvalidArgument(what + " must have a primary key present in its items");
  if (primary->distrust_timestamp)
    return InvalidArgument(what + "'s primary must not be distrusted");
  if (!primary->private_key || !primary->certificate)
    return InvalidArgument(what + "'s primary must have a certificate and a private key");
  Keyset sorted = keyset;
  SortKeysetItems(sorted);
  ASSIGN_OR_RETURN(std::string yaml, EncodeKeysetYaml(sorted));
  return vfs_.Write(KeysetPath(keyset.name), yaml).status();
}

Result<std::vector<std::string>> Keystore::ListKeysets() {
  std::string prefix = cluster_ + "/pki/private/";
  ASSIGN_OR_RETURN(std::vector<std::string> paths, vfs_.List(prefix));
  std::vector<std::string> names;
  for (const std::string& p : paths) {
    std::vector<std::string> parts = Split(p.substr(prefix.size()), '/');
    if (parts.size() == 2 && parts[1] == "keyset.yaml") names.push_back(parts[0]);
  }
  std::sort(names.begin(), names.end());
  return names;
}

Result<Keyset> Keystore::CreateCA(const std::string& name) {
  ASSIGN_OR_RETURN(pki::PrivateKey key, NewKey());
  auto now = WallNow();
  pki::IssueRequest request;
  request.type = pki::CertificateType::kCa;
  request.subject.common_name = name;
  request.serial = pki::Serial::FromTimestamp(
      std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count());
  request.now = now;
  ASSIGN_OR_RETURN(pki::Certificate cert, pki::IssueCertificate(request, key));
  Keyset keyset{name,
                {KeysetItem{request.serial->decimal(), std::nullopt, cert, key}},
                request.serial->decimal()};
  return keyset;
}

Result<Keyset> Keystore::EnsureCA(const std::string& name) {
  for (int attempt = 0; attempt < kWriteAttempts; ++attempt) {
    auto existing = FindKeyset(name);
    if (existing.ok()) {
      const KeysetItem* primary = existing->Primary();
      if (!primary || !primary->certificate || !primary->private_key ||
          !primary->certificate->is_ca())
        return FailedPrecondition("keyset \"" + name +
                                  "\" exists but its primary is not a CA "
                                  "certificate with a private key");
      return existing;
    }
    if (existing.status().code() != Code::kNotFound) return existing.status();
    ASSIGN_OR_RETURN(Keyset created, CreateCA(name));
    ASSIGN_OR_RETURN(std::string yaml, EncodeKeysetYaml(created));
    auto written = vfs_.Write(KeysetPath(name), yaml, WriteCondition::MustNotExist());
    if (written.ok()) return created;
    if (!LostRace(written.status())) return written.status();
    // Someone else created it first: read theirs on the next pass.
  }
  return Conflict("keyset \"" + name + "\" kept changing while creating it; retry");
}

}  // namespace kops::store
