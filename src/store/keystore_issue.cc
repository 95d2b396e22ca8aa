// Keystore::IssueCert and its helpers.
#include "store/keystore.h"

#include <optional>
#include <set>

#include "base/strings.h"
#include "pki/issue.h"
#include "pki/serial.h"
#include "pki/verify.h"

namespace kops::store {
namespace {

constexpr int kWriteAttempts = 3;

bool LostRace(const Status& s) {
  return s.code() == Code::kAlreadyExists || s.code() == Code::kConflict;
}

std::set<std::string> NameSet(const std::vector<std::string>& names) {
  std::set<std::string> out;
  for (const std::string& n : names)
    if (std::string t = Trim(n); !t.empty()) out.insert(t);
  return out;
}

// Organisations form one multi-valued RDN, whose DER encoding sorts them; compare as sets.
bool SameSubject(const pki::Subject& a, const pki::Subject& b) {
  return a.common_name == b.common_name && NameSet(a.organizations) == NameSet(b.organizations);
}

}  // namespace

Result<bool> Keystore::PrimaryMatches(const Keyset& keyset, const CertificateSpec& spec) {
  const KeysetItem* primary = keyset.Primary();
  if (!primary || !primary->certificate || !primary->private_key) return false;
  const pki::Certificate& cert = *primary->certificate;
  std::vector<std::string> sans = cert.dns_names();
  for (const std::string& ip : cert.ip_addresses()) sans.push_back(ip);
  if (!SameSubject(cert.subject(), spec.subject) || cert.type() != spec.type ||
      NameSet(sans) != NameSet(spec.alternate_names))
    return false;
  auto signer = FindKeyset(spec.signer);
  if (!signer.ok()) return signer.status();
  const KeysetItem* ca = signer->Primary();
  return ca && ca->certificate && pki::VerifyIssuedBy(cert, *ca->certificate, WallNow()).ok();
}

Result<Keyset> Keystore::NewPrimary(const CertificateSpec& spec, Keyset keyset) {
  auto signer = FindKeyset(spec.signer);
  if (!signer.ok() && signer.status().code() == Code::kNotFound)
    return FailedPrecondition("cannot issue \"" + spec.name + "\": signer keyset \"" + spec.signer +
                              "\" does not exist; create the CA first");
  if (!signer.ok()) return signer.status();
  const KeysetItem* ca = signer->Primary();
  if (!ca || !ca->certificate || !ca->private_key)
    return FailedPrecondition("signer keyset \"" + spec.signer +
                              "\" has no primary certificate and key");

  const KeysetItem* old = keyset.Primary();
  std::optional<pki::PrivateKey> key;
  if (old && old->private_key) {
    key = *old->private_key;
  } else {
    ASSIGN_OR_RETURN(key, NewKey());
  }
  auto now = WallNow();
  pki::IssueRequest request;
  request.type = spec.type;
  request.subject = spec.subject;
  request.alternate_names = spec.alternate_names;
  request.serial = pki::Serial::FromTimestamp(
      std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count());
  request.now = now;
  ASSIGN_OR_RETURN(
      pki::Certificate cert,
      pki::IssueCertificate(request, *key, pki::Signer{&*ca->certificate, &*ca->private_key}));
  keyset.name = spec.name;
  keyset.items.push_back(KeysetItem{request.serial->decimal(), std::nullopt, cert, *key});
  keyset.primary_id = request.serial->decimal();
  SortKeysetItems(keyset);
  return keyset;
}

Result<Keyset> Keystore::IssueCert(const CertificateSpec& spec) {
  RETURN_IF_ERROR(ValidateStoreName("keyset", spec.name));
  for (int attempt = 0; attempt < kWriteAttempts; ++attempt) {
    auto stored = Load(spec.name);
    if (!stored.ok() && stored.status().code() != Code::kNotFound) return stored.status();
    bool exists = stored.ok();
    Keyset current = exists ? stored->keyset : Keyset{spec.name, {}, ""};
    if (exists) {
      ASSIGN_OR_RETURN(bool matches, PrimaryMatches(current, spec));
      if (matches) return current;
    }
    ASSIGN_OR_RETURN(Keyset updated, NewPrimary(spec, std::move(current)));
    ASSIGN_OR_RETURN(std::string yaml, EncodeKeysetYaml(updated));
    WriteCondition cond =
        exists ? WriteCondition::MustMatch(stored->version) : WriteCondition::MustNotExist();
    auto written = vfs_.Write(KeysetPath(spec.name), yaml, cond);
    if (written.ok()) return updated;
    if (!LostRace(written.status())) return written.status();
  }
  return Conflict("keyset \"" + spec.name + "\" kept changing while issuing it; retry");
}

}  // namespace kops::store
