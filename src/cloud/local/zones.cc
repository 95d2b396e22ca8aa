#include "cloud/local/zones.h"

#include <map>
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

Result<std::string> AllocateInstanceAddress(const CloudState& state, const ZoneRange& range,
                                            const std::string& group_key) {
  std::set<std::string> used;
  // The address of each group's most recently launched instance in this range.
  std::map<std::string, const Instance*> last_of_group;
  for (const auto& [id, inst] : state.instances) {
    if (inst.Live()) used.insert(inst.address);
    if (inst.cluster_id != range.cluster_id || inst.zone != range.zone) continue;
    const Instance*& last = last_of_group[inst.group_key];
    if (last == nullptr || inst.launched_at_ms > last->launched_at_ms) last = &inst;
  }
  std::set<std::string> held_by_others;
  for (const auto& [group, last] : last_of_group) {
    if (group == group_key) {
      if (!used.count(last->address)) return last->address;
    } else {
      held_by_others.insert(last->address);
    }
  }
  std::string first_free;
  for (int host = 1; host <= 254; ++host) {
    std::string address = range.Address(host);
    if (used.count(address)) continue;
    if (!held_by_others.count(address)) return address;
    if (first_free.empty()) first_free = address;
  }
  if (!first_free.empty()) return first_free;
  return FailedPrecondition("zone " + range.zone + " (" + range.Cidr() +
                            "): all 254 instance addresses are in use");
}

}  // namespace kops::cloud::local
