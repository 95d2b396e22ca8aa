#include "cloud/local/model.h"

#include <cstdio>
#include <utility>

#include "base/hash.h"

namespace kops::cloud::local {

std::string ClusterId(const std::string& store_url, const std::string& cluster_name) {
  return cluster_name + "-" + Sha256Hex(store_url).substr(0, 8);
}

std::string GroupKey(const std::string& cluster_id, const std::string& name) {
  return cluster_id + "/" + name;
}

int64_t ToMillis(Clock::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

Clock::TimePoint FromMillis(int64_t ms) {
  return Clock::TimePoint(
      std::chrono::duration_cast<Clock::Duration>(std::chrono::milliseconds(ms)));
}

std::string LaunchSpecHash(const LaunchSpec& spec) {
  // Length-prefixed fields: no two different specs encode the same.
  std::string canon;
  auto add = [&canon](const std::string& s) { canon += std::to_string(s.size()) + ":" + s; };
  canon += "argv" + std::to_string(spec.argv.size());
  for (const auto& a : spec.argv) add(a);
  canon += "env" + std::to_string(spec.env.size());
  for (const auto& [k, v] : spec.env) {
    add(k);
    add(v);
  }
  canon += "wd";
  add(spec.working_dir);
  return Sha256Hex(canon).substr(0, 16);
}

const char* InstanceStateName(InstanceState s) {
  switch (s) {
    case InstanceState::kRunning:
      return "running";
    case InstanceState::kTerminating:
      return "terminating";
    case InstanceState::kTerminated:
      return "terminated";
  }
  return "unknown";
}

bool ParseInstanceState(const std::string& text, InstanceState* out) {
  for (auto s :
       {InstanceState::kRunning, InstanceState::kTerminating, InstanceState::kTerminated}) {
    if (text == InstanceStateName(s)) {
      *out = s;
      return true;
    }
  }
  return false;
}

std::string ZoneRange::Cidr() const { return Address(0) + "/24"; }

std::string ZoneRange::Address(int host) const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "127.%d.%d.%d", (index >> 8) & 255, index & 255, host);
  return buf;
}

const ZoneRange* CloudState::FindZone(const std::string& cluster_id,
                                      const std::string& zone) const {
  for (const auto& z : zones) {
    if (z.cluster_id == cluster_id && z.zone == zone) return &z;
  }
  return nullptr;
}

ZoneRange* CloudState::FindZone(const std::string& cluster_id, const std::string& zone) {
  return const_cast<ZoneRange*>(std::as_const(*this).FindZone(cluster_id, zone));
}

bool CloudState::ZoneUp(const std::string& cluster_id, const std::string& zone) const {
  const ZoneRange* z = FindZone(cluster_id, zone);
  return z == nullptr || z->up;
}

}  // namespace kops::cloud::local
