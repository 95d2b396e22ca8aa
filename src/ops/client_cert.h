// Client certificates for operators (kubecfg-admin, validate's etcd client), issued
// from a CA keyset that must already exist in the cluster's keystore: unlike the
// instances, these commands never create a CA (FailedPrecondition naming the keyset
// and saying to run `kops update cluster --yes` first). Keys are fresh ECDSA P-256 and
// live only in the returned TlsConfig; nothing is written to the state store.
#pragma once

#include <chrono>
#include <string>

#include "base/http.h"
#include "base/status.h"
#include "pki/subject.h"
#include "store/keystore.h"

namespace kops::ops {

// ca_pem: every trusted certificate of the keyset (PEM bundle, primary first).
Result<TlsConfig> IssueClientTls(store::Keystore& keystore, const std::string& ca_name,
                                 const pki::Subject& subject, std::chrono::seconds validity,
                                 std::chrono::system_clock::time_point now);

// The trusted certificates of a CA keyset as one PEM bundle (primary first).
Result<std::string> CaBundlePem(store::Keystore& keystore, const std::string& ca_name);

}  // namespace kops::ops
