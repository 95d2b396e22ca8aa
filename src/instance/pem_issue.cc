#include "instance/pem_issue.h"

#include "base/file_util.h"
#include "pki/issue.h"

namespace kops::instance {

Result<IssuedPem> IssueFromCa(store::Keystore& keystore, const std::string& ca_name,
                              pki::CertificateType type, const std::string& common_name,
                              const std::vector<std::string>& sans) {
  ASSIGN_OR_RETURN(store::Keyset ca, keystore.EnsureCA(ca_name));
  const store::KeysetItem* primary = ca.Primary();
  if (!primary || !primary->certificate || !primary->private_key) {
    return FailedPrecondition("keyset " + ca_name + " has no usable primary CA certificate");
  }
  ASSIGN_OR_RETURN(pki::PrivateKey key, pki::PrivateKey::GenerateEcdsa());
  pki::IssueRequest req;
  req.type = type;
  req.subject.common_name = common_name;
  req.alternate_names = sans;
  req.validity = std::chrono::hours(24 * 365);
  pki::Signer signer{&*primary->certificate, &*primary->private_key};
  ASSIGN_OR_RETURN(pki::Certificate cert, pki::IssueCertificate(req, key, signer));
  IssuedPem out;
  ASSIGN_OR_RETURN(out.cert_pem, cert.ToPem());
  ASSIGN_OR_RETURN(out.key_pem, key.ToPem());
  ASSIGN_OR_RETURN(out.ca_pem, primary->certificate->ToPem());
  return out;
}

Status WritePrivateFile(const std::string& path, const std::string& data) {
  return WriteFileAtomic(path, data, 0600);
}

}  // namespace kops::instance
