#include "cloud/local/zones.h"

#include <set>

#include "base/hash.h"

namespace kops::cloud::local {

int PreferredZoneIndex(const std::string& store_url, const std::string& cluster_name,
                       const std::string& zone) {
  // NUL separators: ("ab", "c") and ("a", "bc") hash differently.
  std::string key = store_url;
  key += '\0';
  key += cluster_name;
  key += '\0';
  key += zone;
  uint64_t h = std::stoull(Sha256Hex(key).substr(0, 15), nullptr, 16);
  return static_cast<int>(1 + h % kZoneIndexCount);
}

Result<ZoneRange> AllocateZoneRange(CloudState& state, const std::string& store_url,
                                    const std::string& cluster_name, const std::string& zone) {
  if (cluster_name.empty()) return InvalidArgument("zone range: cluster name is empty");
  if (zone.empty()) return InvalidArgument("zone range: zone name is empty");
  std::string cluster_id = ClusterId(store_url, cluster_name);
  if (const ZoneRange* existing = state.FindZone(cluster_id, zone)) return *existing;

  std::set<int> taken;
  for (const auto& z : state.zones) taken.insert(z.index);
  int index = PreferredZoneIndex(store_url, cluster_name, zone);
  for (int tries = 0; tries < kZoneIndexCount; ++tries) {
    if (!taken.count(index)) {
      ZoneRange range{cluster_id, zone, index, true};
      state.zones.push_back(range);
      return range;
    }
    index = index % kZoneIndexCount + 1;
  }
  return FailedPrecondition("zone range: all 65535 loopback ranges in 127.0.0.0/8 are in use");
}

void ReleaseZoneRanges(CloudState& state, const std::string& cluster_id) {
  std::erase_if(state.zones, [&](const ZoneRange& z) { return z.cluster_id == cluster_id; });
}

Result<std::string> AllocateInstanceAddress(const CloudState& state, const ZoneRange& range) {
  std::set<std::string> used;
  for (const auto& [id, inst] : state.instances) {
    if (inst.Live()) used.insert(inst.address);
  }
  for (int host = 1; host <= 254; ++host) {
    std::string address = range.Address(host);
    if (!used.count(address)) return address;
  }
  return FailedPrecondition("zone " + range.zone + " (" + range.Cidr() +
                            "): all 254 instance addresses are in use");
}

}  // namespace kops::cloud::local
