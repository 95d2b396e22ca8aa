// PrivateKey: an RSA or ECDSA private key, as kops' pki.PrivateKey.
//
// Ownership: a PrivateKey shares one immutable OpenSSL key; copies are cheap and safe to
// use from several threads. PEM output uses the type-specific blocks kops writes
// ("RSA PRIVATE KEY" = PKCS#1, "EC PRIVATE KEY" = SEC 1); parsing also accepts PKCS#8
// ("PRIVATE KEY") and skips unrelated PEM blocks, as kops does.
#pragma once

#include <openssl/evp.h>

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace kops::pki {

enum class KeyAlgorithm { kRsa, kEcdsa };

// kops' default RSA size (pki.DefaultPrivateKeySize).
inline constexpr int kDefaultRsaBits = 2048;

class PrivateKey {
 public:
  // A fresh RSA key of bits (>= 1024).
  static Result<PrivateKey> GenerateRsa(int bits = kDefaultRsaBits);
  // A fresh ECDSA key on NIST P-256.
  static Result<PrivateKey> GenerateEcdsa();
  // What kops' GeneratePrivateKey does: RSA of KOPS_RSA_PRIVATE_KEY_SIZE bits when that
  // environment variable is set (InvalidArgument if it is not an integer), else 2048.
  static Result<PrivateKey> GenerateDefault();

  // The first private-key PEM block in pem. InvalidArgument when there is none or it
  // does not parse.
  static Result<PrivateKey> ParsePem(std::string_view pem);
  // Takes ownership of key (must be non-null and hold a private key).
  static PrivateKey FromEvp(EVP_PKEY* key);

  KeyAlgorithm algorithm() const;
  // Modulus bits for RSA, curve bits for ECDSA.
  int bits() const;

  // PEM in kops' format (see header comment).
  Result<std::string> ToPem() const;
  // DER SubjectPublicKeyInfo of the public half (Go's x509.MarshalPKIXPublicKey).
  Result<std::string> PublicKeyDer() const;

  // The OpenSSL key; owned by this object (and its copies).
  EVP_PKEY* get() const { return key_.get(); }

 private:
  explicit PrivateKey(std::shared_ptr<EVP_PKEY> key) : key_(std::move(key)) {}
  std::shared_ptr<EVP_PKEY> key_;
};

}  // namespace kops::pki
