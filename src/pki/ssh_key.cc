#include "pki/ssh_key.h"

#include <openssl/core_names.h>
#include <openssl/param_build.h>

#include <optional>
#include <sstream>
#include <vector>

#include "base/base64.h"
#include "pki/encoding.h"
#include "pki/openssl_util.h"

namespace kops::pki {
namespace {

// Reads the SSH wire format: uint32 big-endian length, then that many bytes.
class WireReader {
 public:
  explicit WireReader(std::string_view data) : data_(data) {}
  std::optional<std::string_view> Next() {
    if (data_.size() < 4) return std::nullopt;
    auto b = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(data_[i])); };
    uint32_t len = (b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3);
    if (data_.size() - 4 < len) return std::nullopt;
    std::string_view out = data_.substr(4, len);
    data_.remove_prefix(4 + len);
    return out;
  }
  bool done() const { return data_.empty(); }

 private:
  std::string_view data_;
};

// The number of wire fields after the type that each accepted key type has.
std::optional<int> FieldCount(std::string_view type) {
  if (type == "ssh-rsa") return 2;      // e, n
  if (type == "ssh-dss") return 4;      // p, q, g, y
  if (type == "ssh-ed25519") return 1;  // 32-byte key
  if (type == "ecdsa-sha2-nistp256" || type == "ecdsa-sha2-nistp384" ||
      type == "ecdsa-sha2-nistp521")
    return 2;  // curve name, point
  return std::nullopt;
}

Status CheckBlob(std::string_view type, std::string_view blob) {
  WireReader reader(blob);
  reader.Next();  // the type, already read by the caller
  std::optional<int> fields = FieldCount(type);
  if (!fields)
    return InvalidArgument("unsupported SSH key type \"" + std::string(type) +
                           "\"; accepted: ssh-rsa, ssh-ed25519, ecdsa-sha2-nistp256, "
                           "ecdsa-sha2-nistp384, ecdsa-sha2-nistp521, ssh-dss");
  std::vector<std::string_view> parts;
  for (int i = 0; i < *fields; ++i) {
    auto part = reader.Next();
    if (!part) return InvalidArgument("malformed " + std::string(type) + " public key: truncated");
    parts.push_back(*part);
  }
  if (!reader.done())
    return InvalidArgument("malformed " + std::string(type) + " public key: trailing data");
  if (type == "ssh-ed25519" && parts[0].size() != 32)
    return InvalidArgument("malformed ssh-ed25519 public key: key is not 32 bytes");
  return Status::Ok();
}

// The DER SubjectPublicKeyInfo of an ssh-rsa blob.
Result<std::string> RsaBlobToDer(std::string_view blob) {
  WireReader reader(blob);
  reader.Next();
  std::string_view e = *reader.Next(), n = *reader.Next();  // checked by CheckBlob
  auto bn = [](std::string_view v) {
    return BignumPtr(BN_bin2bn(reinterpret_cast<const unsigned char*>(v.data()),
                               static_cast<int>(v.size()), nullptr));
  };
  BignumPtr bn_e = bn(e), bn_n = bn(n);
  std::unique_ptr<OSSL_PARAM_BLD, OpenSslDeleter<OSSL_PARAM_BLD_free>> bld(OSSL_PARAM_BLD_new());
  if (!bn_e || !bn_n || !bld ||
      !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) ||
      !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()))
    return OpenSslError("building RSA public key parameters");
  std::unique_ptr<OSSL_PARAM, OpenSslDeleter<OSSL_PARAM_free>> params(
      OSSL_PARAM_BLD_to_param(bld.get()));
  EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0)
    return OpenSslError(Code::kInvalidArgument, "converting ssh-rsa public key");
  EvpPkeyPtr key(raw);
  unsigned char* der = nullptr;
  int len = i2d_PUBKEY(key.get(), &der);
  if (len <= 0) return OpenSslError("encoding RSA public key");
  OpenSslBytes owner(der);
  return std::string(reinterpret_cast<char*>(der), static_cast<size_t>(len));
}

}  // namespace

Result<SshPublicKey> ParseSshPublicKey(std::string_view line) {
  std::istringstream in{std::string(line)};
  std::string type_field, data_field, word, comment;
  in >> type_field >> data_field;
  while (in >> word) comment += (comment.empty() ? "" : " ") + word;
  if (data_field.empty())
    return InvalidArgument("error parsing SSH public key \"" + std::string(line) +
                           "\": expected \"<type> <base64 key> [comment]\"");
  auto blob = Base64Decode(data_field);
  if (!blob.ok())
    return InvalidArgument("error decoding SSH public key: " + blob.status().message());
  WireReader reader(*blob);
  auto type = reader.Next();
  if (!type) return InvalidArgument("error parsing SSH public key: the key data is truncated");
  RETURN_IF_ERROR(CheckBlob(*type, *blob).WithContext("error parsing SSH public key"));
  return SshPublicKey{std::string(*type), std::move(*blob), comment};
}

std::string ToAuthorizedKeyLine(const SshPublicKey& key) {
  std::string line = key.algorithm + " " + Base64Encode(key.blob);
  if (!key.comment.empty()) line += " " + key.comment;
  return line;
}

std::string OpenSshMd5Fingerprint(const SshPublicKey& key) { return ColonHex(Md5(key.blob)); }

std::string OpenSshSha256Fingerprint(const SshPublicKey& key) {
  return "SHA256:" + Base64EncodeRaw(Sha256(key.blob));
}

Result<std::string> AwsFingerprint(const SshPublicKey& key) {
  if (key.algorithm == "ssh-rsa") {
    ASSIGN_OR_RETURN(std::string der, RsaBlobToDer(key.blob));
    return ColonHex(Md5(der));
  }
  if (key.algorithm == "ssh-ed25519") return OpenSshSha256Fingerprint(key);
  return InvalidArgument("unexpected type of SSH key (\"" + key.algorithm +
                         "\"); AWS can only import RSA and ed25519 keys");
}

std::string AwsKeyPairName(std::string_view cluster_name, const SshPublicKey& key) {
  return "kubernetes." + std::string(cluster_name) + "-" + OpenSshMd5Fingerprint(key);
}

}  // namespace kops::pki
