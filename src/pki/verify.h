// Checking that a certificate chains to a CA.
#pragma once

#include <chrono>
#include <optional>

#include "base/status.h"
#include "pki/certificate.h"

namespace kops::pki {

// OK when cert is signed by ca (a CA certificate trusted as a root), and both are valid
// at `at` (default: now). FailedPrecondition names the certificate and OpenSSL's reason.
Status VerifyIssuedBy(const Certificate& cert, const Certificate& ca,
                      std::optional<std::chrono::system_clock::time_point> at = std::nullopt);

}  // namespace kops::pki
