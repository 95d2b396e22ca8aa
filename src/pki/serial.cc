#include "pki/serial.h"

#include <openssl/bn.h>
#include <openssl/rand.h>

#include "pki/openssl_util.h"

namespace kops::pki {
namespace {

std::string BignumDecimal(const BIGNUM* bn) {
  OpenSslString text(BN_bn2dec(bn));
  return text ? std::string(text.get()) : std::string("0");
}

}  // namespace

Serial Serial::FromTimestamp(int64_t unix_nanos) {
  BignumPtr bn(BN_new());
  uint64_t ts = static_cast<uint64_t>(unix_nanos < 0 ? 0 : unix_nanos);
  BN_set_word(bn.get(), ts);
  BN_lshift(bn.get(), bn.get(), 32);
  uint32_t random = 0;
  RAND_bytes(reinterpret_cast<unsigned char*>(&random), sizeof(random));
  BignumPtr low(BN_new());
  BN_set_word(low.get(), random);
  BN_add(bn.get(), bn.get(), low.get());  // the low 32 bits are zero, so + is |
  return Serial(BignumDecimal(bn.get()));
}

Serial Serial::Random128() {
  BignumPtr bn(BN_new());
  BN_rand(bn.get(), 128, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY);
  return Serial(BignumDecimal(bn.get()));
}

Result<Serial> Serial::FromDecimal(std::string_view decimal) {
  if (decimal.empty() || decimal.find_first_not_of("0123456789") != std::string_view::npos)
    return InvalidArgument("invalid serial number \"" + std::string(decimal) +
                           "\"; expected a non-negative decimal integer");
  size_t first = decimal.find_first_not_of('0');
  std::string canonical =
      first == std::string_view::npos ? "0" : std::string(decimal.substr(first));
  if (canonical.size() > 49)  // 2^160, the most RFC 5280 allows, has 49 digits
    return InvalidArgument("serial number \"" + std::string(decimal) +
                           "\" is too large; expected at most 160 bits");
  return Serial(std::move(canonical));
}

Result<Serial> Serial::FromAsn1(const ASN1_INTEGER* value) {
  BignumPtr bn(ASN1_INTEGER_to_BN(value, nullptr));
  if (!bn) return OpenSslError(Code::kInvalidArgument, "reading certificate serial number");
  if (BN_is_negative(bn.get())) return InvalidArgument("certificate serial number is negative");
  return Serial(BignumDecimal(bn.get()));
}

ASN1_INTEGER* Serial::ToAsn1() const {
  BIGNUM* raw = nullptr;
  if (BN_dec2bn(&raw, decimal_.c_str()) == 0) return nullptr;
  BignumPtr bn(raw);
  return BN_to_ASN1_INTEGER(bn.get(), nullptr);
}

bool Serial::DecimalLess(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

}  // namespace kops::pki
