// Serial: a certificate serial number, also the id of a keyset item.
//
// kops gives the certificates it issues the serial BuildPKISerial(now): the Unix time in
// nanoseconds shifted left 32 bits, OR'd with 32 random bits, so later serials compare
// higher. When no serial is requested, Go's signer uses a random number below 2^128.
// Keyset item ids are the serial in decimal.
#pragma once

#include <openssl/asn1.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace kops::pki {

class Serial {
 public:
  // kops' pki.BuildPKISerial(unix_nanos).
  static Serial FromTimestamp(int64_t unix_nanos);
  // Uniformly random in [0, 2^128).
  static Serial Random128();
  // A non-negative decimal integer below 2^160 (leading zeros allowed); InvalidArgument
  // otherwise.
  static Result<Serial> FromDecimal(std::string_view decimal);
  // The serial of a certificate (non-negative); InvalidArgument for a negative one.
  static Result<Serial> FromAsn1(const ASN1_INTEGER* value);

  // Canonical decimal text, no leading zeros ("0" for zero).
  const std::string& decimal() const { return decimal_; }
  // An ASN1_INTEGER owned by the caller (free with ASN1_INTEGER_free); null on failure.
  ASN1_INTEGER* ToAsn1() const;

  friend bool operator==(const Serial& a, const Serial& b) { return a.decimal_ == b.decimal_; }
  friend bool operator<(const Serial& a, const Serial& b) {
    return DecimalLess(a.decimal_, b.decimal_);
  }

  // Numeric order of two canonical decimal strings.
  static bool DecimalLess(std::string_view a, std::string_view b);

 private:
  explicit Serial(std::string decimal) : decimal_(std::move(decimal)) {}
  std::string decimal_;
};

}  // namespace kops::pki
