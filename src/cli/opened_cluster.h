// What the operating verbs (validate cluster, rolling-update, chaos --etcd-leader,
// etcd backup/restore) open for one cluster: the state store, the cluster's specs, its
// keystore and an HTTP client for etcd and the API. Each verb checks the cloud itself,
// since each says in its own words what it cannot do elsewhere.
#pragma once

#include <memory>
#include <string>

#include "base/http.h"
#include "cli/command.h"
#include "cloud/local/client.h"
#include "ops/cluster_specs.h"
#include "ops/local_validation_source.h"
#include "ops/validation_types.h"
#include "store/clientset.h"
#include "store/keystore.h"

namespace kops::cli {

struct OpenedCluster {
  cloud::local::ClusterRef ref;  // state store URL and cluster name
  std::unique_ptr<store::Clientset> clientset;
  ops::ClusterSpecs specs;
  std::unique_ptr<store::Keystore> keystore;  // reads clientset's Vfs: declared after it
  std::unique_ptr<HttpClient> http = NewCurlHttpClient();
};

// The cluster named by positional (or --name / $KOPS_CLUSTER_NAME) in the state store.
Result<std::unique_ptr<OpenedCluster>> OpenCluster(const Context& ctx, const std::string& positional);

// What validation reads of a local-cloud cluster: the daemon's instances, etcd over TLS,
// the API through the load balancer.
ops::LocalValidationSource LocalValidationSourceOf(const OpenedCluster& c,
                                                   cloud::local::LocalCloudClient& cloud);

// One observation of a local-cloud cluster for validation, as `validate cluster` makes it.
Result<ops::ValidationInput> ObserveLocalCluster(const OpenedCluster& c, cloud::local::LocalCloudClient& cloud);

}  // namespace kops::cli
