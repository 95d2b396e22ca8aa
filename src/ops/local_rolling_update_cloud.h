// LocalRollingUpdateCloud: RollingUpdateCloud for the `local` cloud. Instances, groups
// and the load balancer come from the local cloud daemon (LocalCloudClient); Nodes,
// cordons and drain acknowledgements (the node agent's kNodeDrainedAnnotation) from
// the API through the load balancer with a system:masters client certificate; etcd is
// observed as validate cluster observes it (LocalValidationSource) and leadership is
// moved with a client certificate of the cluster's etcd-clients CA. Validation is
// validate cluster's evaluation, with outdated instances counted as group members (kops
// validates that way during a roll). Everything it borrows must outlive it.
#pragma once

#include <map>
#include <optional>

#include "base/clock.h"
#include "base/http.h"
#include "cloud/local/client.h"
#include "ops/cluster_specs.h"
#include "ops/rolling_update_cloud.h"
#include "store/keystore.h"

namespace kops::ops {

class LocalRollingUpdateCloud : public RollingUpdateCloud {
 public:
  LocalRollingUpdateCloud(ClusterSpecs specs, cloud::local::LocalCloudClient& client, cloud::local::ClusterRef ref,
                          HttpClient& http, store::Keystore& keystore, Clock& clock);

  Result<std::vector<RollGroup>> Groups() override;
  Status Terminate(const std::string& group, const std::string& instance_id, bool decrement_desired) override;
  Status SetTarget(const std::string& group, int target) override;
  Status CordonNode(const std::string& node) override;
  Result<bool> NodeDrained(const std::string& node) override;
  Status DeleteNode(const std::string& node) override;
  Status DrainFromLoadBalancer(const std::string& instance_id) override;
  Result<std::vector<LbBackend>> LoadBalancerBackends() override;
  std::vector<EtcdClusterObservation> EtcdClusters() override;
  Status MoveEtcdLeader(const std::string& etcd_cluster, uint64_t to_member_id) override;
  Result<ClusterValidation> Validate() override;

 private:
  Result<TlsConfig> AdminTls();
  Result<TlsConfig> EtcdTls(const std::string& etcd_cluster);
  Result<std::string> ApiEndpoint();

  ClusterSpecs specs_;
  cloud::local::LocalCloudClient& client_;
  cloud::local::ClusterRef ref_;
  HttpClient& http_;
  store::Keystore& keystore_;
  Clock& clock_;
  std::optional<Result<TlsConfig>> admin_tls_;
  std::map<std::string, Result<TlsConfig>> etcd_tls_;
};

}  // namespace kops::ops
