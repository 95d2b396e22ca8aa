#include "ops/rolling_update_settings.h"

#include <gtest/gtest.h>

#include "api/codec.h"

namespace kops::ops {
namespace {

api::Cluster ClusterWith(const std::string& rolling_update) {
  auto c = api::DecodeCluster("apiVersion: kops.k8s.io/v1alpha2\nkind: Cluster\nmetadata:\n  name: c.example.com\n"
                              "spec:\n  cloudProvider: aws\n" +
                                  rolling_update,
                              "cluster.yaml");
  EXPECT_TRUE(c.ok()) << c.status().message();
  return c.ok() ? *c : api::Cluster{};
}

api::InstanceGroup GroupWith(const std::string& rolling_update) {
  auto ig = api::DecodeInstanceGroup("apiVersion: kops.k8s.io/v1alpha2\nkind: InstanceGroup\nmetadata:\n  name: nodes\n"
                                     "spec:\n  role: Node\n" +
                                         rolling_update,
                                     "ig.yaml");
  EXPECT_TRUE(ig.ok()) << ig.status().message();
  return ig.ok() ? *ig : api::InstanceGroup{};
}

TEST(RollingUpdateSettings, GroupFieldsWinAndUnsetOnesComeFromTheCluster) {
  api::Cluster cluster = ClusterWith("  rollingUpdate:\n    maxSurge: 2\n    maxUnavailable: 0\n");
  RollGroup g;
  ResolveRollingUpdateSettings(cluster, GroupWith("  rollingUpdate:\n    maxUnavailable: 25%\n"), g);
  ASSERT_TRUE(g.max_surge && g.max_unavailable);
  EXPECT_EQ(*g.max_surge, api::IntOrString::Int(2));
  EXPECT_EQ(*g.max_unavailable, api::IntOrString::Str("25%"));

  RollGroup only_cluster;
  ResolveRollingUpdateSettings(cluster, GroupWith(""), only_cluster);
  ASSERT_TRUE(only_cluster.max_surge && only_cluster.max_unavailable);
  EXPECT_EQ(*only_cluster.max_surge, api::IntOrString::Int(2));
  EXPECT_EQ(*only_cluster.max_unavailable, api::IntOrString::Int(0));
}

TEST(RollingUpdateSettings, NeitherSetLeavesThePlanDefaults) {
  RollGroup g;
  g.max_surge = api::IntOrString::Int(5);  // a stale value is cleared
  ResolveRollingUpdateSettings(ClusterWith(""), GroupWith(""), g);
  EXPECT_FALSE(g.max_surge.has_value());
  EXPECT_FALSE(g.max_unavailable.has_value());
}

TEST(RollingUpdateSettings, ClusterSpecRollingUpdateRoundTrips) {
  api::Cluster cluster = ClusterWith("  rollingUpdate:\n    drainAndTerminate: true\n    maxSurge: 25%\n");
  nlohmann::json j = api::ToJson(cluster);
  EXPECT_EQ(j["spec"]["rollingUpdate"]["maxSurge"], "25%");
  EXPECT_EQ(j["spec"]["rollingUpdate"]["drainAndTerminate"], true);
}

}  // namespace
}  // namespace kops::ops
