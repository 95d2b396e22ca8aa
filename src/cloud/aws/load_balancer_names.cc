#include "cloud/aws/load_balancer_names.h"

#include <cstdint>

#include "base/strings.h"

namespace kops::cloud::aws {

namespace {

uint32_t Fnv1a32(const std::string& s) {
  uint32_t h = 2166136261u;
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

// RFC 4648 base32 "extended hex" of the 4 big-endian bytes of h, lower case, unpadded.
std::string Base32HexLower(uint32_t h) {
  static const char kAlphabet[] = "0123456789abcdefghijklmnopqrstuv";
  uint64_t bits = static_cast<uint64_t>(h) << 8;  // 40 bits: 4 bytes + 8 zero bits
  std::string out;
  for (int shift = 35; shift >= 0; shift -= 5) out += kAlphabet[(bits >> shift) & 31];
  return out.substr(0, 7);  // 32 bits give 7 characters (the 8th would be padding)
}

}  // namespace

std::string TruncateWithHash(const std::string& s, size_t max_length, bool always_add_hash) {
  if (!always_add_hash && s.size() <= max_length) return s;
  std::string hash = Base32HexLower(Fnv1a32(s)).substr(0, 6);
  size_t max_base = max_length - hash.size() - 1;
  return (s.size() > max_base ? s.substr(0, max_base) : s) + "-" + hash;
}

std::string ResourceName32(const std::string& cluster, const std::string& prefix) {
  return TruncateWithHash(prefix + "-" + ReplaceAll(cluster, ".", "-"), 32, true);
}

std::string NlbTaskName(const ModelContext& m, const std::string& prefix) {
  return ReplaceAll(prefix + "-" + m.cluster_name(), ".", "-");
}

}  // namespace kops::cloud::aws
