// RAII owners for OpenSSL objects and the translation of OpenSSL's error queue into a
// kops Status. Every OpenSSL object in kops::pki is held by one of these types; nothing
// in the module calls a *_free function by hand.
#pragma once

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace kops::pki {

template <auto Fn>
struct OpenSslDeleter {
  template <typename T>
  void operator()(T* p) const {
    if (p) Fn(p);
  }
};

using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslDeleter<BN_free>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY_free>>;
using EvpPkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, OpenSslDeleter<EVP_PKEY_CTX_free>>;
using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<X509_free>>;
using X509ExtensionPtr = std::unique_ptr<X509_EXTENSION, OpenSslDeleter<X509_EXTENSION_free>>;
using X509StorePtr = std::unique_ptr<X509_STORE, OpenSslDeleter<X509_STORE_free>>;
using X509StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, OpenSslDeleter<X509_STORE_CTX_free>>;
using GeneralNamesPtr = std::unique_ptr<GENERAL_NAMES, OpenSslDeleter<GENERAL_NAMES_free>>;
using Asn1IntegerPtr = std::unique_ptr<ASN1_INTEGER, OpenSslDeleter<ASN1_INTEGER_free>>;
inline void OpenSslFree(void* p) { OPENSSL_free(p); }
using OpenSslString = std::unique_ptr<char, OpenSslDeleter<OpenSslFree>>;
using OpenSslBytes = std::unique_ptr<unsigned char, OpenSslDeleter<OpenSslFree>>;

// Drains OpenSSL's thread-local error queue and returns Internal("what: <openssl reasons>").
Status OpenSslError(std::string_view what);

// Same as OpenSslError, but with the given code (e.g. kInvalidArgument for bad input).
Status OpenSslError(Code code, std::string_view what);

// A read-only memory BIO over data; data must outlive the BIO.
BioPtr MemoryBio(std::string_view data);

// The bytes written so far into a memory BIO.
std::string BioContents(BIO* bio);

}  // namespace kops::pki
