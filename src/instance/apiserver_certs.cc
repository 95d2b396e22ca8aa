#include "instance/apiserver_certs.h"

namespace kops::instance {

Result<IssuedPem> IssueApiServerCert(store::Keystore& keystore, const std::string& address,
                                     const std::vector<std::string>& extra_sans) {
  std::vector<std::string> sans = {address, "127.0.0.1", "kubernetes", "kubernetes.default"};
  for (const std::string& s : extra_sans)
    if (!s.empty()) sans.push_back(s);
  return IssueFromCa(keystore, std::string(store::kKubernetesCa), pki::CertificateType::kServer,
                     "kubernetes-master", sans);
}

Result<TlsConfig> IssueApiClientTls(store::Keystore& keystore, const std::string& common_name) {
  ASSIGN_OR_RETURN(IssuedPem pem, IssueFromCa(keystore, std::string(store::kKubernetesCa),
                                              pki::CertificateType::kClient, common_name, {}));
  TlsConfig tls;
  tls.ca_pem = pem.ca_pem;
  tls.cert_pem = pem.cert_pem;
  tls.key_pem = pem.key_pem;
  return tls;
}

}  // namespace kops::instance
