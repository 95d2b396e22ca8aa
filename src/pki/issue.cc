#include "pki/issue.h"

#include <openssl/x509v3.h>

#include "base/strings.h"
#include "pki/openssl_util.h"

namespace kops::pki {
namespace {

using std::chrono::hours;
using std::chrono::system_clock;

constexpr hours kDefaultValidity = hours(24 * 365 * 10);  // kops: 10 * 365 * 24h
constexpr hours kBackdate = hours(48);

struct Usages {
  bool is_ca = false;
  const char* key_usage = nullptr;
  const char* ext_key_usage = nullptr;  // null: no extension
};

Result<Usages> UsagesFor(CertificateType type) {
  switch (type) {
    case CertificateType::kCa:
      return Usages{true, "critical,keyCertSign,cRLSign", nullptr};
    case CertificateType::kClient:
      return Usages{false, "critical,digitalSignature", "clientAuth"};
    case CertificateType::kServer:
      return Usages{false, "critical,digitalSignature,keyEncipherment", "serverAuth"};
    case CertificateType::kClientServer:
      return Usages{false, "critical,digitalSignature,keyEncipherment", "clientAuth,serverAuth"};
    case CertificateType::kOther:
      break;
  }
  return InvalidArgument(
      "certificate type must be one of \"ca\", \"client\", \"server\", \"clientServer\"");
}

Status AddExtension(X509* cert, X509V3_CTX* ctx, int nid, const char* value) {
  X509ExtensionPtr ext(X509V3_EXT_conf_nid(nullptr, ctx, nid, value));
  if (!ext || X509_add_ext(cert, ext.get(), -1) != 1)
    return OpenSslError(std::string("adding certificate extension ") + OBJ_nid2sn(nid) + "=" +
                        value);
  return Status::Ok();
}

Status AddAltNames(X509* cert, const std::vector<std::string>& alternate_names) {
  GeneralNamesPtr names(sk_GENERAL_NAME_new_null());
  for (const std::string& raw : alternate_names) {
    std::string san = Trim(raw);
    if (san.empty()) continue;
    GENERAL_NAME* name = nullptr;
    if (ASN1_OCTET_STRING* ip = a2i_IPADDRESS(san.c_str())) {
      name = GENERAL_NAME_new();
      GENERAL_NAME_set0_value(name, GEN_IPADD, ip);
    } else {
      ASN1_IA5STRING* dns = ASN1_IA5STRING_new();
      ASN1_STRING_set(dns, san.data(), static_cast<int>(san.size()));
      name = GENERAL_NAME_new();
      GENERAL_NAME_set0_value(name, GEN_DNS, dns);
    }
    sk_GENERAL_NAME_push(names.get(), name);
  }
  if (sk_GENERAL_NAME_num(names.get()) == 0) return Status::Ok();
  if (X509_add1_ext_i2d(cert, NID_subject_alt_name, names.get(), 0, X509V3_ADD_DEFAULT) != 1)
    return OpenSslError("adding subjectAltName extension");
  return Status::Ok();
}

Status SetValidity(X509* cert, const IssueRequest& request) {
  system_clock::time_point now = request.now.value_or(system_clock::now());
  auto validity = request.validity.count() > 0
                      ? std::chrono::duration_cast<system_clock::duration>(request.validity)
                      : std::chrono::duration_cast<system_clock::duration>(kDefaultValidity);
  time_t not_before = system_clock::to_time_t(now - kBackdate);
  time_t not_after = system_clock::to_time_t(now + validity);
  if (!ASN1_TIME_set(X509_getm_notBefore(cert), not_before) ||
      !ASN1_TIME_set(X509_getm_notAfter(cert), not_after))
    return OpenSslError("setting certificate validity");
  return Status::Ok();
}

Status CheckSigner(const IssueRequest& request, const Signer& signer) {
  if (!signer.certificate != !signer.key)
    return InvalidArgument("a signer needs both its certificate and its private key");
  if (!signer.certificate) {
    if (request.type != CertificateType::kCa)
      return InvalidArgument(
          std::string("a \"") + CertificateTypeName(request.type) +
          "\" certificate needs a CA to sign it; only \"ca\" may be self-signed");
    return Status::Ok();
  }
  std::string ca_name = signer.certificate->subject().common_name;
  if (!signer.certificate->is_ca())
    return FailedPrecondition("signer certificate \"" + ca_name + "\" is not a CA");
  if (!signer.certificate->MatchesKey(*signer.key))
    return FailedPrecondition("signer private key does not match CA certificate \"" + ca_name +
                              "\"");
  return Status::Ok();
}

}  // namespace

Result<Certificate> IssueCertificate(const IssueRequest& request, const PrivateKey& key,
                                     const Signer& signer) {
  ASSIGN_OR_RETURN(Usages usages, UsagesFor(request.type));
  RETURN_IF_ERROR(CheckSigner(request, signer));
  if (request.subject.common_name.empty() && request.subject.organizations.empty())
    return InvalidArgument("certificate subject is empty; expected at least cn=<name>");

  X509Ptr cert(X509_new());
  Serial serial = request.serial.value_or(Serial::Random128());
  Asn1IntegerPtr asn1_serial(serial.ToAsn1());
  if (!cert || !asn1_serial || X509_set_version(cert.get(), X509_VERSION_3) != 1 ||
      X509_set_serialNumber(cert.get(), asn1_serial.get()) != 1)
    return OpenSslError("creating certificate");
  RETURN_IF_ERROR(AddToX509Name(request.subject, X509_get_subject_name(cert.get())));
  X509* issuer = signer.certificate ? signer.certificate->get() : cert.get();
  if (X509_set_issuer_name(cert.get(), X509_get_subject_name(issuer)) != 1 ||
      X509_set_pubkey(cert.get(), key.get()) != 1)
    return OpenSslError("setting certificate issuer and public key");
  RETURN_IF_ERROR(SetValidity(cert.get(), request));

  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert.get(), nullptr, nullptr, 0);
  RETURN_IF_ERROR(AddExtension(cert.get(), &ctx, NID_key_usage, usages.key_usage));
  if (usages.ext_key_usage)
    RETURN_IF_ERROR(AddExtension(cert.get(), &ctx, NID_ext_key_usage, usages.ext_key_usage));
  RETURN_IF_ERROR(AddExtension(cert.get(), &ctx, NID_basic_constraints,
                               usages.is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE"));
  if (usages.is_ca)
    RETURN_IF_ERROR(AddExtension(cert.get(), &ctx, NID_subject_key_identifier, "hash"));
  if (signer.certificate && X509_get0_subject_key_id(issuer) != nullptr)
    RETURN_IF_ERROR(AddExtension(cert.get(), &ctx, NID_authority_key_identifier, "keyid"));
  RETURN_IF_ERROR(AddAltNames(cert.get(), request.alternate_names));

  const PrivateKey& signing_key = signer.key ? *signer.key : key;
  if (X509_sign(cert.get(), signing_key.get(), EVP_sha256()) <= 0)
    return OpenSslError("signing certificate for \"" + SubjectToString(request.subject) + "\"");
  return Certificate::FromX509(cert.release());
}

}  // namespace kops::pki
