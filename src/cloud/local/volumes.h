// Volume rules of the local cloud, as state changes on CloudState (no file system here;
// the daemon makes and removes the data directories):
// - a volume lives in one zone and is attached to at most one instance, of that zone;
// - it outlives instances (detached when its instance terminates, see reconciler.h);
// - a lost volume (chaos) is recreated empty in its zone by reconciliation once no live
//   instance holds it, with the same tags and a new id, as a replacement disk would be.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "cloud/local/model.h"

namespace kops::cloud::local {

// kops' tags for the volume of etcd member `member` of etcd cluster `etcd_cluster`
// (e.g. "main"): k8s.io/etcd/<etcd_cluster>=<member>/<all members comma-separated>,
// k8s.io/role/control-plane=1, k8s.io/role/master=1, kubernetes.io/cluster/<name>=owned.
std::map<std::string, std::string> EtcdVolumeTags(const std::string& cluster_name,
                                                  const std::string& etcd_cluster,
                                                  const std::string& member,
                                                  const std::vector<std::string>& all_members);

// True when every filter key is a tag of v and, for non-empty filter values, equal to it.
bool VolumeMatches(const Volume& v, const std::map<std::string, std::string>& filters);

// Volumes of the cluster matching filters (and zone, when not empty), sorted by id.
std::vector<const Volume*> FindVolumes(const CloudState& state, const std::string& cluster_id,
                                       const std::map<std::string, std::string>& filters,
                                       const std::string& zone = "");

// Attaches volume to instance. Idempotent for the same pair. kNotFound for an unknown
// id; kFailedPrecondition when the zones differ, the volume is attached elsewhere or
// lost, or the instance is not running — each message names both ids.
Status AttachVolume(CloudState& state, const std::string& volume_id,
                    const std::string& instance_id);

// The instance claims the first available (unattached, not lost) volume matching
// filters in its own zone and returns its id. kNotFound when there is none.
Result<std::string> ClaimVolume(CloudState& state, const std::string& instance_id,
                                const std::map<std::string, std::string>& filters);

// Detaches (OK when it was not attached). kNotFound for an unknown id.
Status DetachVolume(CloudState& state, const std::string& volume_id);

// Marks the volume lost (its data is gone). kNotFound for an unknown id.
Status LoseVolume(CloudState& state, const std::string& volume_id);

}  // namespace kops::cloud::local
