#include "ops/local_cloud_facts.h"

#include <gtest/gtest.h>

namespace kops::ops {
namespace {

namespace local = kops::cloud::local;

TEST(FactsFromStatus, PicksTheClustersGroupsAndApiLoadBalancer) {
  local::CloudState state;
  std::string id = local::ClusterId("file:///s", "ha.local");
  std::string other = local::ClusterId("file:///t", "ha.local");
  local::Group g;
  g.cluster_id = id;
  g.name = "nodes-local-a";
  g.desired = 2;
  state.groups[g.Key()] = g;
  g.cluster_id = other;
  state.groups[g.Key()] = g;
  local::LoadBalancer lb;
  lb.cluster_id = id;
  lb.name = "api-ha-local";
  lb.address = "127.0.9.1";
  state.load_balancers[lb.Key()] = lb;
  lb.cluster_id = other;
  lb.address = "127.0.8.1";
  state.load_balancers[lb.Key()] = lb;
  local::Json status = local::ToJson(state);
  status["daemon"] = {{"pid", 1}};

  Result<LocalCloudFacts> facts = FactsFromStatus(status, id);
  ASSERT_TRUE(facts.ok()) << facts.status().message();
  ASSERT_EQ(facts->groups.size(), 1u);
  EXPECT_EQ(facts->groups[0].desired, 2);
  EXPECT_EQ(*LocalApiEndpoint(*facts, "ha.local"), "https://127.0.9.1:443");

  Result<LocalCloudFacts> none = FactsFromStatus(local::ToJson(local::CloudState{}), id);
  ASSERT_TRUE(none.ok());
  Result<std::string> endpoint = LocalApiEndpoint(*none, "ha.local");
  ASSERT_FALSE(endpoint.ok());
  EXPECT_NE(endpoint.status().message().find("kops update cluster ha.local --yes"), std::string::npos);
}

}  // namespace
}  // namespace kops::ops
