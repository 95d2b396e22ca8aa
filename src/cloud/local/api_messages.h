// The local cloud daemon's API, as JSON messages over its unix socket (one JSON object
// per line each way). A request is {"method": "<Name>", "params": {...}}; a response is
// {"ok": true, "result": {...}} or {"ok": false, "code": "<CodeName>", "error": "..."}.
// Every request names its cluster by (store_url, cluster); the daemon derives the
// cluster id (model.h ClusterId). The daemon and socket themselves are the next step.
#pragma once

#include <map>
#include <string>
#include <variant>
#include <vector>

#include "base/status.h"
#include "cloud/local/model.h"

namespace kops::cloud::local {

struct ClusterRef {
  std::string store_url;
  std::string cluster;
};

// Creates the group, or updates zones/sizes/launch/tags of an existing one (idempotent).
struct CreateGroupRequest {
  ClusterRef ref;
  std::string name;
  std::vector<std::string> zones;
  int min_size = 0, max_size = 0, desired = 0;
  LaunchSpec launch;
  std::map<std::string, std::string> tags;
};
struct DeleteGroupRequest {
  ClusterRef ref;
  std::string name;
};
struct SetDesiredRequest {
  ClusterRef ref;
  std::string name;
  int desired = 0;
};
// Result: {"instances": [Instance JSON + "group", "outdated"]}; group "" = all.
struct DescribeInstancesRequest {
  ClusterRef ref;
  std::string group;
};
struct TerminateInstanceRequest {
  ClusterRef ref;
  std::string instance_id;
  bool decrement_desired = false;  // as AWS TerminateInstanceInAutoScalingGroup
  bool force = false;              // SIGKILL now (chaos kill-instance) instead of SIGTERM
};
struct ZoneDownRequest {
  ClusterRef ref;
  std::string zone;
};
struct ZoneUpRequest {
  ClusterRef ref;
  std::string zone;
};
// Creates a volume (idempotent by tags + zone). Result: Volume JSON.
struct CreateVolumeRequest {
  ClusterRef ref;
  std::string zone;
  std::map<std::string, std::string> tags;
};
struct LoseVolumeRequest {
  ClusterRef ref;
  std::string volume_id;
};
// Result: {"volumes": [Volume JSON]} filtered by tags (value "" = any) and zone.
struct DescribeVolumesRequest {
  ClusterRef ref;
  std::map<std::string, std::string> tag_filters;
  std::string zone;
};
struct AttachVolumeRequest {
  ClusterRef ref;
  std::string volume_id, instance_id;
};
// Creates or updates the cluster's haproxy load balancer. Result: LoadBalancer JSON.
struct EnsureLoadBalancerRequest {
  ClusterRef ref;
  std::string name;
  int port = 443, backend_port = 443;
  std::vector<std::string> groups;
};
// Stops every process and removes every group, volume, LB and zone range of the cluster.
struct DeleteClusterRequest {
  ClusterRef ref;
};
// Result: {"clusters": [...], "instances": n, ...} for `kops toolbox local-cloud status`.
struct StatusRequest {};
// An instance claims the first available volume of its own zone matching tag_filters
// (value "" = any; volumes.h ClaimVolume); idempotent. Result: Volume JSON (id, data_dir).
struct ClaimVolumeRequest {
  ClusterRef ref;
  std::string instance_id;
  std::map<std::string, std::string> tag_filters;
};
// Deletes a volume of the cluster and its data (its etcd member no longer exists).
// FailedPrecondition while it is attached to a live instance. Result: {}.
struct DeleteVolumeRequest {
  ClusterRef ref;
  std::string volume_id;
};
// Replaces a volume's tags (kops updates the EBS tags of an etcd volume when the member
// list changes). Result: the volume.
struct SetVolumeTagsRequest {
  ClusterRef ref;
  std::string volume_id;
  std::map<std::string, std::string> tags;
};
// Asks the daemon to exit after answering (its instances keep running; a new daemon
// adopts them). Result: {}.
struct ShutdownRequest {};

// Takes an instance out of the cluster's load balancers (haproxy "drain": no new
// connections; open ones go on). Result: {}; NotFound when no load balancer holds it.
struct DrainBackendRequest {
  ClusterRef ref;
  std::string instance_id;
};
// The servers of the cluster's API load balancer as haproxy sees them. Result:
// {"backends": [{"load_balancer", "instance_id", "status", "connections"}]}.
struct DescribeBackendsRequest {
  ClusterRef ref;
};

using Request = std::variant<CreateGroupRequest, DeleteGroupRequest, SetDesiredRequest,
                             DescribeInstancesRequest, TerminateInstanceRequest, ZoneDownRequest,
                             ZoneUpRequest, CreateVolumeRequest, LoseVolumeRequest,
                             DescribeVolumesRequest, AttachVolumeRequest, EnsureLoadBalancerRequest,
                             DeleteClusterRequest, StatusRequest, ClaimVolumeRequest,
                             ShutdownRequest, DeleteVolumeRequest, SetVolumeTagsRequest,
                             DrainBackendRequest, DescribeBackendsRequest>;

// The method name of a request ("CreateGroup", ...).
std::string MethodName(const Request& request);

// One line of JSON (no trailing newline).
std::string EncodeRequest(const Request& request);
// kInvalidArgument naming the method or field for malformed input or an unknown method.
Result<Request> DecodeRequest(const std::string& line);

// Responses: result is a JSON object text ("{}" when there is nothing to return).
std::string EncodeOkResponse(const std::string& result_json);
std::string EncodeErrorResponse(const Status& status);
// The result object text, or the error the daemon sent (its code kept).
Result<std::string> DecodeResponse(const std::string& line);

}  // namespace kops::cloud::local
