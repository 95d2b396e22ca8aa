#include "pki/private_key.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdlib>
#include <cstring>

#include "pki/openssl_util.h"

namespace kops::pki {
namespace {

std::shared_ptr<EVP_PKEY> Share(EVP_PKEY* key) {
  return std::shared_ptr<EVP_PKEY>(key, [](EVP_PKEY* k) { EVP_PKEY_free(k); });
}

// Parses the DER body of one PEM block of the given type; null when it is not a key type.
EvpPkeyPtr ParseBlock(const char* name, const unsigned char* data, long len) {
  const unsigned char* p = data;
  if (std::strcmp(name, "RSA PRIVATE KEY") == 0)
    return EvpPkeyPtr(d2i_PrivateKey(EVP_PKEY_RSA, nullptr, &p, len));
  if (std::strcmp(name, "EC PRIVATE KEY") == 0)
    return EvpPkeyPtr(d2i_PrivateKey(EVP_PKEY_EC, nullptr, &p, len));
  if (std::strcmp(name, "PRIVATE KEY") == 0)
    return EvpPkeyPtr(d2i_AutoPrivateKey(nullptr, &p, len));
  return nullptr;
}

bool IsKeyBlock(const char* name) {
  return std::strcmp(name, "RSA PRIVATE KEY") == 0 || std::strcmp(name, "EC PRIVATE KEY") == 0 ||
         std::strcmp(name, "PRIVATE KEY") == 0;
}

}  // namespace

Result<PrivateKey> PrivateKey::GenerateRsa(int bits) {
  if (bits < 1024)
    return InvalidArgument("RSA key size " + std::to_string(bits) +
                           " is too small; expected at least 1024 bits (kops uses 2048)");
  EVP_PKEY* key = EVP_RSA_gen(static_cast<unsigned int>(bits));
  if (!key) return OpenSslError("generating RSA private key");
  return PrivateKey(Share(key));
}

Result<PrivateKey> PrivateKey::GenerateEcdsa() {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  if (!key) return OpenSslError("generating ECDSA P-256 private key");
  return PrivateKey(Share(key));
}

Result<PrivateKey> PrivateKey::GenerateDefault() {
  int bits = kDefaultRsaBits;
  if (const char* env = std::getenv("KOPS_RSA_PRIVATE_KEY_SIZE"); env && *env) {
    char* end = nullptr;
    long v = std::strtol(env, &end, 10);
    if (*end != '\0' || v <= 0 || v > 16384)
      return InvalidArgument(std::string("error parsing KOPS_RSA_PRIVATE_KEY_SIZE=") + env +
                             " as integer; expected a key size in bits such as 2048");
    bits = static_cast<int>(v);
  }
  return GenerateRsa(bits);
}

Result<PrivateKey> PrivateKey::ParsePem(std::string_view pem) {
  BioPtr bio = MemoryBio(pem);
  for (;;) {
    char* name = nullptr;
    char* header = nullptr;
    unsigned char* data = nullptr;
    long len = 0;
    if (PEM_read_bio(bio.get(), &name, &header, &data, &len) != 1) {
      ERR_clear_error();  // end of input is reported as an error
      return InvalidArgument(
          "could not parse private key: no \"RSA PRIVATE KEY\", \"EC PRIVATE KEY\" or "
          "\"PRIVATE KEY\" PEM block found");
    }
    OpenSslString name_owner(name), header_owner(header);
    OpenSslBytes data_owner(data);
    if (!IsKeyBlock(name)) continue;
    EvpPkeyPtr key = ParseBlock(name, data, len);
    if (!key)
      return OpenSslError(Code::kInvalidArgument,
                          std::string("could not parse private key in PEM block \"") + name + "\"");
    return PrivateKey(Share(key.release()));
  }
}

PrivateKey PrivateKey::FromEvp(EVP_PKEY* key) { return PrivateKey(Share(key)); }

KeyAlgorithm PrivateKey::algorithm() const {
  return EVP_PKEY_get_base_id(key_.get()) == EVP_PKEY_EC ? KeyAlgorithm::kEcdsa
                                                         : KeyAlgorithm::kRsa;
}

int PrivateKey::bits() const { return EVP_PKEY_get_bits(key_.get()); }

Result<std::string> PrivateKey::ToPem() const {
  unsigned char* der = nullptr;
  int len = i2d_PrivateKey(key_.get(), &der);
  if (len <= 0) return OpenSslError("encoding private key");
  OpenSslBytes der_owner(der);
  const char* name = algorithm() == KeyAlgorithm::kRsa ? "RSA PRIVATE KEY" : "EC PRIVATE KEY";
  BioPtr out(BIO_new(BIO_s_mem()));
  if (PEM_write_bio(out.get(), name, "", der, len) <= 0)
    return OpenSslError("writing private key PEM");
  return BioContents(out.get());
}

Result<std::string> PrivateKey::PublicKeyDer() const {
  unsigned char* der = nullptr;
  int len = i2d_PUBKEY(key_.get(), &der);
  if (len <= 0) return OpenSslError("encoding public key");
  OpenSslBytes der_owner(der);
  return std::string(reinterpret_cast<char*>(der), static_cast<size_t>(len));
}

}  // namespace kops::pki
