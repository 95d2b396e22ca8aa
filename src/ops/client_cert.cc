#include "ops/client_cert.h"

#include "pki/issue.h"

namespace kops::ops {
namespace {

Result<store::Keyset> FindCa(store::Keystore& keystore, const std::string& ca_name) {
  Result<store::Keyset> ks = keystore.FindKeyset(ca_name);
  if (!ks.ok() && ks.status().code() == Code::kNotFound) {
    return FailedPrecondition("keyset " + ca_name +
                              " is not in the state store's keystore: run kops update cluster --yes first");
  }
  return ks;
}

}  // namespace

Result<std::string> CaBundlePem(store::Keystore& keystore, const std::string& ca_name) {
  ASSIGN_OR_RETURN(store::Keyset ca, FindCa(keystore, ca_name));
  std::string bundle;
  const store::KeysetItem* primary = ca.Primary();
  if (primary && primary->certificate) {
    ASSIGN_OR_RETURN(std::string pem, primary->certificate->ToPem());
    bundle += pem;
  }
  for (const store::KeysetItem& item : ca.items) {
    if (&item == primary || item.distrust_timestamp || !item.certificate) continue;
    ASSIGN_OR_RETURN(std::string pem, item.certificate->ToPem());
    bundle += pem;
  }
  if (bundle.empty()) return FailedPrecondition("keyset " + ca_name + " holds no trusted certificate");
  return bundle;
}

Result<TlsConfig> IssueClientTls(store::Keystore& keystore, const std::string& ca_name,
                                 const pki::Subject& subject, std::chrono::seconds validity,
                                 std::chrono::system_clock::time_point now) {
  ASSIGN_OR_RETURN(store::Keyset ca, FindCa(keystore, ca_name));
  const store::KeysetItem* primary = ca.Primary();
  if (!primary || !primary->certificate || !primary->private_key) {
    return FailedPrecondition("keyset " + ca_name + " has no primary CA certificate with its key");
  }
  ASSIGN_OR_RETURN(pki::PrivateKey key, pki::PrivateKey::GenerateEcdsa());
  pki::IssueRequest req;
  req.type = pki::CertificateType::kClient;
  req.subject = subject;
  req.validity = validity;
  req.now = now;
  pki::Signer signer{&*primary->certificate, &*primary->private_key};
  ASSIGN_OR_RETURN(pki::Certificate cert, pki::IssueCertificate(req, key, signer));
  TlsConfig tls;
  ASSIGN_OR_RETURN(tls.cert_pem, cert.ToPem());
  ASSIGN_OR_RETURN(tls.key_pem, key.ToPem());
  ASSIGN_OR_RETURN(tls.ca_pem, CaBundlePem(keystore, ca_name));
  return tls;
}

}  // namespace kops::ops
