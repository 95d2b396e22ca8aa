#include "base/cidr.h"

#include <charconv>
#include <optional>

#include "base/strings.h"

namespace kops {
namespace {

uint128 MaskFor(int bits, int prefix) {
  if (prefix <= 0) return 0;
  uint128 all = bits == 128 ? ~uint128(0) : (uint128(1) << bits) - 1;
  int host = bits - prefix;
  if (host <= 0) return all;
  uint128 host_mask = (uint128(1) << host) - 1;
  return all & ~host_mask;
}

std::optional<uint32_t> ParseV4(std::string_view s) {
  std::vector<std::string> parts = Split(s, '.');
  if (parts.size() != 4) return std::nullopt;
  uint32_t value = 0;
  for (const std::string& p : parts) {
    if (p.empty() || p.size() > 3) return std::nullopt;
    if (p.size() > 1 && p[0] == '0') return std::nullopt;  // Go rejects leading zeros
    unsigned octet = 0;
    auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), octet);
    if (ec != std::errc() || end != p.data() + p.size() || octet > 255) return std::nullopt;
    value = (value << 8) | octet;
  }
  return value;
}

// Parses colon-separated hex groups (no "::"); an IPv4 tail counts as two groups.
bool ParseGroups(std::string_view s, std::vector<uint16_t>& out, bool allow_v4_tail) {
  if (s.empty()) return true;
  std::vector<std::string> parts = Split(s, ':');
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& p = parts[i];
    if (allow_v4_tail && i + 1 == parts.size() && p.find('.') != std::string::npos) {
      auto v4 = ParseV4(p);
      if (!v4) return false;
      out.push_back(static_cast<uint16_t>(*v4 >> 16));
      out.push_back(static_cast<uint16_t>(*v4 & 0xffff));
      continue;
    }
    if (p.empty() || p.size() > 4) return false;
    unsigned g = 0;
    auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), g, 16);
    if (ec != std::errc() || end != p.data() + p.size()) return false;
    out.push_back(static_cast<uint16_t>(g));
  }
  return true;
}

std::optional<uint128> ParseV6(std::string_view s) {
  std::vector<uint16_t> head, tail;
  size_t dc = s.find("::");
  if (dc == std::string_view::npos) {
    if (!ParseGroups(s, head, true) || head.size() != 8) return std::nullopt;
  } else {
    if (s.find("::", dc + 1) != std::string_view::npos) return std::nullopt;
    if (!ParseGroups(s.substr(0, dc), head, false)) return std::nullopt;
    if (!ParseGroups(s.substr(dc + 2), tail, true)) return std::nullopt;
    if (head.size() + tail.size() > 7) return std::nullopt;
    head.resize(8 - tail.size(), 0);
    head.insert(head.end(), tail.begin(), tail.end());
  }
  uint128 value = 0;
  for (uint16_t g : head) value = (value << 16) | g;
  return value;
}

std::string FormatV4(uint32_t v) {
  return std::to_string(v >> 24) + "." + std::to_string((v >> 16) & 0xff) + "." +
         std::to_string((v >> 8) & 0xff) + "." + std::to_string(v & 0xff);
}

std::string FormatV6(uint128 v) {
  uint16_t g[8];
  for (int i = 7; i >= 0; --i, v >>= 16) g[i] = static_cast<uint16_t>(v & 0xffff);
  // Longest run of zero groups (length >= 2), first on a tie.
  int best = -1, best_len = 0;
  for (int i = 0; i < 8;) {
    if (g[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > best_len && j - i >= 2) best = i, best_len = j - i;
    i = j;
  }
  static const char* kHex = "0123456789abcdef";
  auto hex = [&](uint16_t x) {
    std::string s;
    bool started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
      int d = (x >> shift) & 0xf;
      if (d || started || shift == 0) s += kHex[d], started = true;
    }
    return s;
  };
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    out += hex(g[i]);
  }
  return out;
}

}  // namespace

Result<IPAddress> IPAddress::Parse(std::string_view text) {
  if (text.find(':') != std::string_view::npos) {
    if (auto v = ParseV6(text)) return V6(*v);
  } else if (auto v = ParseV4(text)) {
    return V4(*v);
  }
  return InvalidArgument("invalid IP address \"" + std::string(text) +
                         "\": expected a.b.c.d or an IPv6 address");
}

std::string IPAddress::ToString() const {
  return v6_ ? FormatV6(value_) : FormatV4(static_cast<uint32_t>(value_));
}

Result<Cidr> Cidr::Parse(std::string_view text) {
  auto bad = [&](const std::string& why) {
    return InvalidArgument("invalid CIDR \"" + std::string(text) + "\": " + why +
                           " (expected e.g. 10.0.0.0/16 or 2001:db8::/56)");
  };
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) return bad("missing /prefix-length");
  auto ip = IPAddress::Parse(text.substr(0, slash));
  if (!ip.ok()) return bad("bad address");
  std::string_view len = text.substr(slash + 1);
  int prefix = -1;
  auto [end, ec] = std::from_chars(len.data(), len.data() + len.size(), prefix);
  if (len.empty() || ec != std::errc() || end != len.data() + len.size() || prefix < 0 ||
      prefix > ip->bits() || (len.size() > 1 && len[0] == '0'))
    return bad("bad prefix length");
  return Cidr(*ip, prefix);
}

bool IsValidCidr(std::string_view text) { return Cidr::Parse(text).ok(); }

Cidr Cidr::Network() const {
  uint128 v = address_.value() & MaskFor(bits(), prefix_);
  return Cidr(is_v6() ? IPAddress::V6(v) : IPAddress::V4(static_cast<uint32_t>(v)), prefix_);
}

IPAddress Cidr::First() const { return Network().address_; }

IPAddress Cidr::Last() const {
  uint128 all = bits() == 128 ? ~uint128(0) : (uint128(1) << bits()) - 1;
  uint128 v = First().value() | (all & ~MaskFor(bits(), prefix_));
  return is_v6() ? IPAddress::V6(v) : IPAddress::V4(static_cast<uint32_t>(v));
}

uint128 Cidr::Size() const {
  int host = bits() - prefix_;
  if (host >= 128) return ~uint128(0);
  return uint128(1) << host;
}

bool Cidr::Contains(const IPAddress& ip) const {
  if (ip.is_v6() != is_v6()) return false;
  uint128 mask = MaskFor(bits(), prefix_);
  return (ip.value() & mask) == (address_.value() & mask);
}

bool Cidr::Contains(const Cidr& other) const {
  return other.is_v6() == is_v6() && other.prefix_ >= prefix_ && Contains(other.address_);
}

bool Cidr::Overlaps(const Cidr& other) const {
  return Contains(other.First()) || other.Contains(First());
}

Result<Cidr> Cidr::Subnet(int extra_bits, uint128 index) const {
  int prefix = prefix_ + extra_bits;
  if (extra_bits < 0 || prefix > bits())
    return InvalidArgument("cannot split " + ToString() + " by " + std::to_string(extra_bits) +
                           " bits: the prefix would exceed /" + std::to_string(bits()));
  if (extra_bits < 128 && index >= (uint128(1) << extra_bits))
    return InvalidArgument("subnet index out of range for " + ToString() + " split by " +
                           std::to_string(extra_bits) + " bits");
  uint128 v = First().value() | (extra_bits == 0 ? 0 : index << (bits() - prefix));
  IPAddress ip = is_v6() ? IPAddress::V6(v) : IPAddress::V4(static_cast<uint32_t>(v));
  return Cidr(ip, prefix);
}

Result<std::vector<Cidr>> Cidr::Split(int k) const {
  if (k < 0 || prefix_ + k > bits() || k > 16)
    return InvalidArgument("cannot split " + ToString() + " into 2^" + std::to_string(k) +
                           " parts");
  std::vector<Cidr> parts;
  for (uint128 i = 0; i < (uint128(1) << k); ++i) {
    ASSIGN_OR_RETURN(Cidr c, Subnet(k, i));
    parts.push_back(c);
  }
  return parts;
}

Result<Cidr> Cidr::Next() const {
  Cidr net = Network();
  if (Last().value() == (bits() == 128 ? ~uint128(0) : (uint128(1) << bits()) - 1))
    return InvalidArgument("no block after " + ToString() + ": end of the address space");
  uint128 v = Last().value() + 1;
  return Cidr(is_v6() ? IPAddress::V6(v) : IPAddress::V4(static_cast<uint32_t>(v)), net.prefix_);
}

std::string Cidr::ToString() const { return address_.ToString() + "/" + std::to_string(prefix_); }

}  // namespace kops
