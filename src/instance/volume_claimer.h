// VolumeClaimer: how an instance gets the volume of its etcd member. The cloud owns
// volumes (src/cloud/local: a tagged directory in one zone, attached to one instance at
// a time); an instance claims the first free volume in its zone whose tags match.
// Implementations: LocalCloudVolumeClaimer (the daemon's API), FakeVolumeClaimer (tests).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/status.h"

namespace kops::instance {

struct ClaimedVolume {
  std::string id;
  std::string data_dir;  // where the volume is mounted (a directory on the local cloud)
};

class VolumeClaimer {
 public:
  virtual ~VolumeClaimer() = default;
  // Claims (attaches to this instance) a volume in zone matching every filter (a value
  // "" matches any value). Idempotent for a volume this instance already holds.
  // kNotFound when no free volume matches.
  virtual Result<ClaimedVolume> Claim(const std::string& zone,
                                      const std::map<std::string, std::string>& tag_filters) = 0;
};

// kops' tag of an etcd member's volume: key "k8s.io/etcd/<etcd cluster>", value
// "<member>/<all members sorted, comma-separated>" (the daemon tags volumes the same way).
std::pair<std::string, std::string> EtcdVolumeTag(const std::string& etcd_cluster,
                                                  const std::string& member,
                                                  std::vector<std::string> all_members);

}  // namespace kops::instance
