// LocalCloudVolumeClaimer: VolumeClaimer over the local cloud daemon's API
// (cloud/local/client.h ClaimVolume), for instances the daemon launched
// (KOPS_CLOUD_SOCKET). The daemon checks the zone: it only hands out volumes of the
// instance's own zone.
#pragma once

#include "cloud/local/client.h"
#include "instance/volume_claimer.h"

namespace kops::instance {

class LocalCloudVolumeClaimer : public VolumeClaimer {
 public:
  LocalCloudVolumeClaimer(const std::string& socket_path, std::string instance_id,
                          cloud::local::ClusterRef ref)
      : client_(cloud::local::LocalCloudClient::ForSocket(socket_path)),
        instance_id_(std::move(instance_id)),
        ref_(std::move(ref)) {}

  Result<ClaimedVolume> Claim(const std::string& zone,
                              const std::map<std::string, std::string>& tag_filters) override {
    ASSIGN_OR_RETURN(cloud::local::Volume v, client_.ClaimVolume(instance_id_, tag_filters, ref_));
    if (!zone.empty() && v.zone != zone) {
      return FailedPrecondition("volume " + v.id + " is in zone " + v.zone + ", not " + zone);
    }
    return ClaimedVolume{v.id, v.data_dir};
  }

 private:
  cloud::local::LocalCloudClient client_;
  std::string instance_id_;
  cloud::local::ClusterRef ref_;
};

}  // namespace kops::instance
