// CloudService: the daemon's API (api_messages.h) as state changes on CloudState; process
// and directory work goes through the Applier. Single-threaded: the daemon calls Handle
// between reconcile steps and saves the state after.
//
// Results (JSON objects):
// - CreateGroup: the group (allocating its zones' ranges); DeleteGroup, SetDesired, ZoneUp,
//   ZoneDown, LoseVolume, AttachVolume, Shutdown: {};
// - DescribeInstances: {"instances": [instance + "group", "role", "outdated"]}, where role
//   comes from the group's tags (GroupRole);
// - TerminateInstance: {"instance": instance}; CreateVolume / ClaimVolume: the volume;
// - DescribeVolumes: {"volumes": [...]}; EnsureLoadBalancer: the load balancer;
// - DeleteVolume: {} (FailedPrecondition while attached to a live instance);
//   SetVolumeTags: the volume;
// - DeleteCluster: {"terminating": [instance ids]}; Status: the whole state (state_json.h)
//   plus "daemon": {"pid", "state_dir"}.
// - DrainBackend: {}; DescribeBackends: {"backends": [...]} (lb_manager.h).
// ClaimVolume acts for the instance it names, in that instance's cluster (an instance
// knows its id from KOPS_INSTANCE_ID; its ref may be left empty).
#pragma once

#include <string>

#include "base/clock.h"
#include "cloud/local/api_messages.h"
#include "cloud/local/applier.h"
#include "cloud/local/state_json.h"

namespace kops::cloud::local {

// "ControlPlane" when the group has tag k8s.io/role/control-plane or k8s.io/role/master,
// "Node" for k8s.io/role/node, "Bastion" for k8s.io/role/bastion, else "".
std::string GroupRole(const Group& group);

class CloudService {
 public:
  CloudService(CloudState& state, Applier& applier, LoadBalancerManager& lbs, std::string state_dir)
      : state_(state), applier_(applier), lbs_(lbs), state_dir_(std::move(state_dir)) {}

  Result<Json> Handle(const Request& request);
  bool shutdown_requested() const { return shutdown_; }

 private:
  Result<Json> Do(const CreateGroupRequest& r);
  Result<Json> Do(const DeleteGroupRequest& r);
  Result<Json> Do(const SetDesiredRequest& r);
  Result<Json> Do(const DescribeInstancesRequest& r);
  Result<Json> Do(const TerminateInstanceRequest& r);
  Result<Json> Do(const ZoneDownRequest& r);
  Result<Json> Do(const ZoneUpRequest& r);
  Result<Json> Do(const CreateVolumeRequest& r);
  Result<Json> Do(const LoseVolumeRequest& r);
  Result<Json> Do(const DescribeVolumesRequest& r);
  Result<Json> Do(const AttachVolumeRequest& r);
  Result<Json> Do(const EnsureLoadBalancerRequest& r);
  Result<Json> Do(const DeleteClusterRequest& r);
  Result<Json> Do(const StatusRequest& r);
  Result<Json> Do(const ClaimVolumeRequest& r);
  Result<Json> Do(const ShutdownRequest& r);
  Result<Json> Do(const DrainBackendRequest& r);
  Result<Json> Do(const DescribeBackendsRequest& r);
  Result<Json> Do(const DeleteVolumeRequest& r);
  Result<Json> Do(const SetVolumeTagsRequest& r);

  Status SetZoneUp(const ClusterRef& ref, const std::string& zone, bool up);
  Json DescribeInstance(const Instance& i) const;

  CloudState& state_;
  Applier& applier_;
  LoadBalancerManager& lbs_;
  std::string state_dir_;
  bool shutdown_ = false;
};

}  // namespace kops::cloud::local
