#include "pki/certificate.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>

#include <cstring>
#include <ctime>

#include "pki/openssl_util.h"

namespace kops::pki {
namespace {

Certificate::TimePoint ToTimePoint(const ASN1_TIME* t) {
  std::tm tm{};
  if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return {};
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

GeneralNamesPtr AltNames(X509* cert) {
  return GeneralNamesPtr(
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
}

}  // namespace

const char* CertificateTypeName(CertificateType type) {
  switch (type) {
    case CertificateType::kCa:
      return "ca";
    case CertificateType::kClient:
      return "client";
    case CertificateType::kServer:
      return "server";
    case CertificateType::kClientServer:
      return "clientServer";
    case CertificateType::kOther:
      return "other";
  }
  return "other";
}

Result<CertificateType> ParseCertificateType(std::string_view name) {
  for (auto t : {CertificateType::kCa, CertificateType::kClient, CertificateType::kServer,
                 CertificateType::kClientServer})
    if (name == CertificateTypeName(t)) return t;
  return InvalidArgument("unknown certificate type \"" + std::string(name) +
                         "\"; accepted: \"ca\", \"client\", \"server\", \"clientServer\"");
}

Result<Certificate> Certificate::ParsePem(std::string_view pem) {
  BioPtr bio = MemoryBio(pem);
  for (;;) {
    char* name = nullptr;
    char* header = nullptr;
    unsigned char* data = nullptr;
    long len = 0;
    if (PEM_read_bio(bio.get(), &name, &header, &data, &len) != 1) {
      ERR_clear_error();
      return InvalidArgument("could not parse certificate: no \"CERTIFICATE\" PEM block found");
    }
    OpenSslString name_owner(name), header_owner(header);
    OpenSslBytes data_owner(data);
    if (std::strcmp(name, "CERTIFICATE") != 0) continue;
    return ParseDer(std::string_view(reinterpret_cast<char*>(data), static_cast<size_t>(len)));
  }
}

Result<Certificate> Certificate::ParseDer(std::string_view der) {
  auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
  if (!cert) return OpenSslError(Code::kInvalidArgument, "could not parse certificate DER");
  return FromX509(cert);
}

Certificate Certificate::FromX509(X509* cert) {
  return Certificate(std::shared_ptr<X509>(cert, [](X509* c) { X509_free(c); }));
}

Result<std::string> Certificate::ToPem() const {
  BioPtr out(BIO_new(BIO_s_mem()));
  if (PEM_write_bio_X509(out.get(), cert_.get()) != 1)
    return OpenSslError("writing certificate PEM");
  return BioContents(out.get());
}

Result<std::string> Certificate::ToDer() const {
  unsigned char* der = nullptr;
  int len = i2d_X509(cert_.get(), &der);
  if (len <= 0) return OpenSslError("encoding certificate DER");
  OpenSslBytes owner(der);
  return std::string(reinterpret_cast<char*>(der), static_cast<size_t>(len));
}

Subject Certificate::subject() const {
  return SubjectFromX509Name(X509_get_subject_name(cert_.get()));
}
Subject Certificate::issuer() const {
  return SubjectFromX509Name(X509_get_issuer_name(cert_.get()));
}

Result<Serial> Certificate::serial() const {
  return Serial::FromAsn1(X509_get0_serialNumber(cert_.get()));
}

bool Certificate::is_ca() const { return X509_check_ca(cert_.get()) == 1; }

Certificate::TimePoint Certificate::not_before() const {
  return ToTimePoint(X509_get0_notBefore(cert_.get()));
}
Certificate::TimePoint Certificate::not_after() const {
  return ToTimePoint(X509_get0_notAfter(cert_.get()));
}

std::vector<std::string> Certificate::dns_names() const {
  std::vector<std::string> out;
  GeneralNamesPtr names = AltNames(cert_.get());
  for (int i = 0; names && i < sk_GENERAL_NAME_num(names.get()); ++i) {
    const GENERAL_NAME* n = sk_GENERAL_NAME_value(names.get(), i);
    if (n->type != GEN_DNS) continue;
    const ASN1_IA5STRING* s = n->d.dNSName;
    out.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                     static_cast<size_t>(ASN1_STRING_length(s)));
  }
  return out;
}

std::vector<std::string> Certificate::ip_addresses() const {
  std::vector<std::string> out;
  GeneralNamesPtr names = AltNames(cert_.get());
  for (int i = 0; names && i < sk_GENERAL_NAME_num(names.get()); ++i) {
    const GENERAL_NAME* n = sk_GENERAL_NAME_value(names.get(), i);
    if (n->type != GEN_IPADD) continue;
    const ASN1_OCTET_STRING* ip = n->d.iPAddress;
    int len = ASN1_STRING_length(ip);
    char text[INET6_ADDRSTRLEN] = {};
    int family = len == 4 ? AF_INET : (len == 16 ? AF_INET6 : -1);
    if (family > 0 && inet_ntop(family, ASN1_STRING_get0_data(ip), text, sizeof(text)))
      out.emplace_back(text);
  }
  return out;
}

CertificateType Certificate::type() const {
  X509* c = cert_.get();
  uint32_t ku = X509_get_key_usage(c);
  uint32_t xku = X509_get_extended_key_usage(c);
  bool has_xku = X509_get_ext_by_NID(c, NID_ext_key_usage, -1) >= 0;
  if (ku == UINT32_MAX) ku = 0;
  if (!has_xku) xku = 0;
  const uint32_t ds = X509v3_KU_DIGITAL_SIGNATURE, ke = X509v3_KU_KEY_ENCIPHERMENT;
  if (is_ca() && ku == (X509v3_KU_KEY_CERT_SIGN | X509v3_KU_CRL_SIGN) && xku == 0)
    return CertificateType::kCa;
  if (is_ca()) return CertificateType::kOther;
  if (ku == ds && xku == XKU_SSL_CLIENT) return CertificateType::kClient;
  if (ku == (ds | ke) && xku == XKU_SSL_SERVER) return CertificateType::kServer;
  if (ku == (ds | ke) && xku == (XKU_SSL_SERVER | XKU_SSL_CLIENT))
    return CertificateType::kClientServer;
  return CertificateType::kOther;
}

bool Certificate::MatchesKey(const PrivateKey& key) const {
  bool match = X509_check_private_key(cert_.get(), key.get()) == 1;
  ERR_clear_error();
  return match;
}

Result<std::string> Certificate::PublicKeyDer() const {
  unsigned char* der = nullptr;
  int len = i2d_PUBKEY(X509_get0_pubkey(cert_.get()), &der);
  if (len <= 0) return OpenSslError("encoding certificate public key");
  OpenSslBytes owner(der);
  return std::string(reinterpret_cast<char*>(der), static_cast<size_t>(len));
}

}  // namespace kops::pki
