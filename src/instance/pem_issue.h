// Issuing a leaf certificate from a keystore CA, in memory (for certificates that live
// only on the instance, as etcd-manager issues them), and writing PEM files.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "pki/certificate.h"
#include "store/keystore.h"

namespace kops::instance {

struct IssuedPem {
  std::string cert_pem;
  std::string key_pem;
  std::string ca_pem;  // the signer's certificate
};

// Ensures the CA keyset ca_name exists and issues a certificate of type for common_name
// with the SANs (IPs or DNS names) and a fresh ECDSA P-256 key. Valid for one year.
Result<IssuedPem> IssueFromCa(store::Keystore& keystore, const std::string& ca_name,
                              pki::CertificateType type, const std::string& common_name,
                              const std::vector<std::string>& sans);

// Writes data to path with mode 0600 (atomically, via a temporary file).
Status WritePrivateFile(const std::string& path, const std::string& data);

}  // namespace kops::instance
