#include "cli/opened_cluster.h"

#include "cli/local_cloud_cli.h"
#include "ops/local_cloud_facts.h"

namespace kops::cli {

Result<std::unique_ptr<OpenedCluster>> OpenCluster(const Context& ctx, const std::string& positional) {
  auto c = std::make_unique<OpenedCluster>();
  ASSIGN_OR_RETURN(c->ref, LocalClusterRef(ctx, positional));
  ASSIGN_OR_RETURN(c->clientset, ctx.OpenClientset());
  ASSIGN_OR_RETURN(c->specs, ops::LoadClusterSpecs(*c->clientset, c->ref.cluster));
  c->keystore = std::make_unique<store::Keystore>(c->clientset->vfs(), c->ref.cluster);
  return c;
}

ops::LocalValidationSource LocalValidationSourceOf(const OpenedCluster& c,
                                                   cloud::local::LocalCloudClient& cloud) {
  return ops::LocalValidationSource(c.specs.cluster, c.specs.groups, ops::FetchLocalCloudFacts(cloud, c.ref),
                                    {c.http.get(), c.keystore.get(), &RealClock::Instance()});
}

Result<ops::ValidationInput> ObserveLocalCluster(const OpenedCluster& c, cloud::local::LocalCloudClient& cloud) {
  ops::LocalValidationSource source = LocalValidationSourceOf(c, cloud);
  return ops::CollectValidationInput(c.ref.cluster, source);
}

}  // namespace kops::cli
