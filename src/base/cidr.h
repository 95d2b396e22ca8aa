// IP addresses and CIDR blocks, IPv4 and IPv6: parse, format, contain, overlap, split.
//
// A Cidr keeps the address as written ("10.0.0.1/16" keeps 10.0.0.1); Network() masks
// the host bits off. Contains/Overlaps/Split work on the masked network. Formatting
// follows Go's net package (what kops prints): dotted quads for IPv4, RFC 5952 for IPv6
// (lower case, the longest run of two or more zero groups compressed, first on a tie).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace kops {

using uint128 = unsigned __int128;

class IPAddress {
 public:
  IPAddress() = default;
  static IPAddress V4(uint32_t value) { return IPAddress(false, value); }
  static IPAddress V6(uint128 value) { return IPAddress(true, value); }

  // "10.1.2.3", "2001:db8::1", "::ffff:1.2.3.4"; InvalidArgument naming the text.
  static Result<IPAddress> Parse(std::string_view text);

  bool is_v6() const { return v6_; }
  int bits() const { return v6_ ? 128 : 32; }
  // The address as an unsigned number (IPv4 in the low 32 bits).
  uint128 value() const { return value_; }
  std::string ToString() const;

  bool operator==(const IPAddress&) const = default;
  auto operator<=>(const IPAddress& o) const {
    if (v6_ != o.v6_) return v6_ <=> o.v6_;
    return value_ <=> o.value_;
  }

 private:
  IPAddress(bool v6, uint128 value) : v6_(v6), value_(value) {}
  bool v6_ = false;
  uint128 value_ = 0;
};

class Cidr {
 public:
  Cidr() = default;
  // Requires 0 <= prefix <= address.bits().
  Cidr(IPAddress address, int prefix) : address_(address), prefix_(prefix) {}

  // "172.20.0.0/16", "2001:db8::/56". InvalidArgument: `invalid CIDR "x": ...`.
  static Result<Cidr> Parse(std::string_view text);

  const IPAddress& address() const { return address_; }
  int prefix_length() const { return prefix_; }
  bool is_v6() const { return address_.is_v6(); }
  int bits() const { return address_.bits(); }

  // The block with host bits cleared ("10.0.0.1/16" -> "10.0.0.0/16").
  Cidr Network() const;
  // True when the address has no host bits set.
  bool IsNetwork() const { return Network().address_ == address_; }
  IPAddress First() const;  // network address
  IPAddress Last() const;   // broadcast / highest address
  // Number of addresses (an IPv6 /0 saturates at the largest uint128).
  uint128 Size() const;

  bool Contains(const IPAddress& ip) const;
  // True when every address of other is in this block (same family).
  bool Contains(const Cidr& other) const;
  bool Overlaps(const Cidr& other) const;

  // The index-th block of prefix_length()+extra_bits bits (Terraform's cidrsubnet).
  // InvalidArgument when the new prefix exceeds bits() or index does not fit.
  Result<Cidr> Subnet(int extra_bits, uint128 index) const;
  // The 2^k equal parts of this network, in address order.
  Result<std::vector<Cidr>> Split(int k) const;
  // The block of the same size right after this one; InvalidArgument past the end.
  Result<Cidr> Next() const;

  // "a.b.c.d/n" (the address as stored).
  std::string ToString() const;

  bool operator==(const Cidr&) const = default;
  auto operator<=>(const Cidr& o) const {
    if (auto c = address_ <=> o.address_; c != 0) return c;
    return prefix_ <=> o.prefix_;
  }

 private:
  IPAddress address_;
  int prefix_ = 0;
};

// True when text parses as a CIDR (either family).
bool IsValidCidr(std::string_view text);

}  // namespace kops
