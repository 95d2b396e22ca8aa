// LocalValidationSource: ValidationSource for the `local` cloud. Reads the spec (cluster
// and instance groups) from the state store, the cloud's view from LocalCloudFacts
// (fetched by the caller), asks each etcd member on <instance address>:<client port>
// over TLS with a client certificate from the keystore's etcd-clients-ca, and the API
// through the load balancer with a system:masters client certificate from
// kubernetes-ca. Certificates are issued once per source (in memory only).
// The HttpClient, Keystore and Clock must outlive the source.
#pragma once

#include <optional>
#include <vector>

#include "api/cluster.h"
#include "api/instance_group.h"
#include "base/clock.h"
#include "base/http.h"
#include "ops/local_cloud_facts.h"
#include "ops/validation_source.h"
#include "store/keystore.h"

namespace kops::ops {

struct LocalValidationDeps {
  HttpClient* http = nullptr;
  store::Keystore* keystore = nullptr;
  Clock* clock = nullptr;
  std::chrono::milliseconds timeout{2000};  // each HTTP call
};

class LocalValidationSource : public ValidationSource {
 public:
  LocalValidationSource(api::Cluster cluster, std::vector<api::InstanceGroup> groups,
                        Result<LocalCloudFacts> facts, LocalValidationDeps deps);

  Result<std::vector<GroupObservation>> InstanceGroups() override;
  std::vector<EtcdClusterObservation> EtcdClusters() override;
  ApiObservation ApiHealth() override;
  Result<std::vector<nlohmann::json>> Nodes() override;
  std::chrono::system_clock::time_point WallNow() override { return deps_.clock->WallNow(); }

 private:
  std::vector<const cloud::local::InstanceInfo*> RunningOf(const std::string& group) const;
  EtcdClusterObservation ObserveEtcd(const api::EtcdClusterSpec& spec, const TlsConfig& tls);
  Result<TlsConfig> AdminTls();

  api::Cluster cluster_;
  std::vector<api::InstanceGroup> groups_;
  Result<LocalCloudFacts> facts_;
  LocalValidationDeps deps_;
  std::optional<Result<TlsConfig>> admin_tls_;
};

}  // namespace kops::ops
