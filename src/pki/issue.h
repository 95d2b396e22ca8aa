// Issuing certificates as kops' pki.IssueCert does: a self-signed CA, or a certificate
// signed by a CA, with kops' key usages, SANs and validity.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "pki/certificate.h"
#include "pki/private_key.h"
#include "pki/serial.h"
#include "pki/subject.h"

namespace kops::pki {

struct IssueRequest {
  CertificateType type = CertificateType::kClient;  // kOther is rejected
  Subject subject;
  // Each entry is an IP SAN when it parses as an IP address, else a DNS SAN; entries are
  // trimmed and blank ones skipped (as kops does).
  std::vector<std::string> alternate_names;
  // Default: a random serial below 2^128 (Go's default). kops' keypair tasks pass
  // Serial::FromTimestamp(now).
  std::optional<Serial> serial;
  // NotAfter = now + validity; zero means kops' default of 10 years (3650 days).
  std::chrono::seconds validity{0};
  // The issuing time; NotBefore = now - 48h as kops does. Default: the system clock.
  std::optional<std::chrono::system_clock::time_point> now;
};

// The signer of a certificate: a CA certificate and its private key (both non-owning;
// they must outlive the call).
struct Signer {
  const Certificate* certificate = nullptr;
  const PrivateKey* key = nullptr;
};

// Issues a certificate for key. With no signer (both fields null) the certificate is
// self-signed, which requires type kCa. With a signer, its certificate must be a CA and
// its key must match it; FailedPrecondition otherwise. SHA-256 signatures; CA
// certificates carry a SubjectKeyIdentifier, issued ones an AuthorityKeyIdentifier.
Result<Certificate> IssueCertificate(const IssueRequest& request, const PrivateKey& key,
                                     const Signer& signer = {});

}  // namespace kops::pki
