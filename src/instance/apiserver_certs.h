// Certificates of the API stand-in, from the cluster CA (kubernetes-ca) in the keystore:
// its serving certificate and client certificates for its callers (node agents, tests).
#pragma once

#include <string>
#include <vector>

#include "base/http.h"
#include "instance/pem_issue.h"

namespace kops::instance {

// Serving certificate: SANs address, 127.0.0.1, "kubernetes", "kubernetes.default" and
// extra_sans (the load balancer's address and name when known).
Result<IssuedPem> IssueApiServerCert(store::Keystore& keystore, const std::string& address,
                                     const std::vector<std::string>& extra_sans);

// A client certificate signed by kubernetes-ca with CN common_name (e.g.
// "system:node:<name>"), as a TlsConfig whose ca_pem trusts the API server.
Result<TlsConfig> IssueApiClientTls(store::Keystore& keystore, const std::string& common_name);

}  // namespace kops::instance
