// `kops update cluster` and the cloud half of `kops delete cluster` for cloudProvider
// "local".
//
// UpdateLocalCluster loads the cluster and its instance groups from the state store,
// applies defaults, validates (strict), builds the local model (model_builder.h) and
// compares it with the daemon's actual state:
//   - without yes: writes kops' dry-run report ("Will create resources:" …) to out, or
//     "No changes need to be applied"; then "Must specify --yes to apply changes" to
//     progress when there are changes. A dry run starts no daemon and creates no state
//     directory: when none answers, the actual state is what the last daemon saved
//     (nothing, on a fresh machine), so the report lists everything to create;
//   - instance groups that left the spec lose their autoscaling group (and instances),
//     etcd members that left it their detached volumes ("Will delete items:");
//   - with yes: when nothing differs, says "No changes need to be applied" and changes
//     nothing; otherwise applies the changes through the LocalTarget, then waits (bounded
//     by launch_timeout) until every group has its desired number of running instances,
//     reporting on progress what it does, what it waits for and the elapsed time. It
//     returns when the cloud resources exist (instances launched), not when the cluster
//     is healthy (that is `kops validate cluster`).
// FailedPrecondition when the cluster's cloudProvider is not "local".
//
// DeleteLocalClusterResources stops every instance of the cluster and removes its groups,
// volumes, load balancer and zone ranges, then waits (bounded) until no instance of it is
// live. The state-store data is the caller's to delete afterwards.
#pragma once

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "cloud/local/local_target.h"
#include "store/clientset.h"
#include "store/keystore.h"

namespace kops::cloud::local {

struct UpdateLocalOptions {
  std::string cluster_name;
  bool yes = false;
  store::Clientset* clientset = nullptr;  // required; not owned
  // The cluster as the caller already read it from the store (not owned); null: read it.
  const api::Cluster* cluster = nullptr;
  // The state store URL that names the cluster in the local cloud, as the other local
  // cloud verbs give it (--state / KOPS_STATE_STORE); empty: clientset->vfs().Url().
  std::string store_url;
  std::ostream* out = nullptr;   // the dry-run report; null: progress
  LocalCloudApi* api = nullptr;  // null: the daemon of cloud_dir
  std::string cloud_dir;         // the daemon's state directory; empty: DefaultStateDirPath()
  // What instances run; empty: {this executable (/proc/self/exe), "toolbox", "instance", "run"}.
  std::vector<std::string> instance_argv;
  Clock* clock = nullptr;  // null: the real clock
  Clock::Duration launch_timeout = std::chrono::seconds(60);
  Clock::Duration retry_interval = std::chrono::milliseconds(200);
  store::KeystoreOptions keystore;  // how missing CAs are made
  // The closing "Suggestions:" block (kops' next commands); false when the update is a
  // step of another command (scale control-plane).
  bool suggestions = true;
};

Status UpdateLocalCluster(const UpdateLocalOptions& options, std::ostream& progress);

struct DeleteLocalOptions {
  ClusterRef ref;
  LocalCloudApi* api = nullptr;  // null: the daemon of $KOPS_LOCAL_CLOUD_DIR
  Clock* clock = nullptr;        // null: the real clock
  Clock::Duration timeout = std::chrono::seconds(60);
};

Status DeleteLocalClusterResources(const DeleteLocalOptions& options, std::ostream& progress);

// Polls until every group of the cluster has `desired` running instances of its current
// launch spec; progress once a second. DeadlineExceeded naming the groups still short.
Status WaitForLaunches(LocalCloudApi& api, const ClusterRef& ref, Clock& clock,
                       Clock::Duration timeout, std::ostream& progress);

// Polls until no instance of the cluster is live. DeadlineExceeded listing them.
Status WaitForNoLiveInstances(LocalCloudApi& api, const ClusterRef& ref, Clock& clock,
                              Clock::Duration timeout, std::ostream& progress);

}  // namespace kops::cloud::local
