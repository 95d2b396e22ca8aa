// Subject: the distinguished name kops puts on certificates (CommonName, Organizations),
// and the "cn=...,o=..." text form kops' keypair tasks use to describe it.
#pragma once

#include <openssl/x509.h>

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace kops::pki {

struct Subject {
  std::string common_name;
  std::vector<std::string> organizations;

  friend bool operator==(const Subject&, const Subject&) = default;
};

// Parses "cn=kubelet,o=system:nodes" (keys case-insensitive; "o" may repeat), as kops'
// parsePkixName. InvalidArgument names the token and the accepted keys.
Result<Subject> ParseSubject(std::string_view text);

// "o=system:nodes,cn=kubelet": the order of the name's RDNs, as kops' PkixNameToString.
std::string SubjectToString(const Subject& subject);

// Appends subject's RDNs to name in Go's order (O first, then CN; all organisations in one
// multi-valued RDN); printable values as PrintableString, others as UTF8String.
Status AddToX509Name(const Subject& subject, X509_NAME* name);

// Reads CN and O attributes from name (other attributes are ignored).
Subject SubjectFromX509Name(const X509_NAME* name);

}  // namespace kops::pki
