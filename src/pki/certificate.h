// Certificate: one X.509 certificate, as kops' pki.Certificate, and the kops names for
// the kinds of certificate it issues.
//
// Ownership: a Certificate shares one immutable OpenSSL X509; copies are cheap and
// thread-safe. PEM output is one "CERTIFICATE" block with 64-column lines (Go's pem).
#pragma once

#include <openssl/x509.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "pki/private_key.h"
#include "pki/serial.h"
#include "pki/subject.h"

namespace kops::pki {

// kops' well-known certificate types (pki.wellKnownCertificateTypes):
//   ca           CA, KeyUsageCertSign, KeyUsageCRLSign
//   client       ExtKeyUsageClientAuth, KeyUsageDigitalSignature
//   server       ExtKeyUsageServerAuth, KeyUsageDigitalSignature, KeyUsageKeyEncipherment
//   clientServer both ExtKeyUsages, KeyUsageDigitalSignature, KeyUsageKeyEncipherment
enum class CertificateType { kCa, kClient, kServer, kClientServer, kOther };

// "ca", "client", "server", "clientServer" ("other" for kOther).
const char* CertificateTypeName(CertificateType type);
// The inverse of CertificateTypeName for the four kops types; InvalidArgument otherwise.
Result<CertificateType> ParseCertificateType(std::string_view name);

class Certificate {
 public:
  using TimePoint = std::chrono::system_clock::time_point;

  // The first "CERTIFICATE" block in pem (other blocks are skipped, as kops does).
  static Result<Certificate> ParsePem(std::string_view pem);
  static Result<Certificate> ParseDer(std::string_view der);
  // Takes ownership of cert (non-null).
  static Certificate FromX509(X509* cert);

  Result<std::string> ToPem() const;
  Result<std::string> ToDer() const;

  Subject subject() const;
  Subject issuer() const;
  Result<Serial> serial() const;
  bool is_ca() const;
  TimePoint not_before() const;
  TimePoint not_after() const;
  std::vector<std::string> dns_names() const;
  // IP SANs in text form ("10.0.0.1", "2001:db8::1").
  std::vector<std::string> ip_addresses() const;
  // The kops type its key usages describe (kOther when they match none).
  CertificateType type() const;
  // True when key is the private half of this certificate's public key.
  bool MatchesKey(const PrivateKey& key) const;
  // DER SubjectPublicKeyInfo.
  Result<std::string> PublicKeyDer() const;

  // The OpenSSL certificate; owned by this object (and its copies).
  X509* get() const { return cert_.get(); }

 private:
  explicit Certificate(std::shared_ptr<X509> cert) : cert_(std::move(cert)) {}
  std::shared_ptr<X509> cert_;
};

}  // namespace kops::pki
