#include "ops/ha_report_render.h"

#include <gtest/gtest.h>

#include <sstream>

#include "ops/ha_test_specs.h"

namespace kops::ops {
namespace {

using testing::HaSpec;

HaReport ThreeInTwoZones() {
  HaSpec s({"cn-north-1a", "cn-north-1b"});
  s.ControlPlane("control-plane-cn-north-1a-1", "cn-north-1a", "a-1")
      .ControlPlane("control-plane-cn-north-1b-1", "cn-north-1b", "b-1")
      .ControlPlane("control-plane-cn-north-1a-2", "cn-north-1a", "a-2");
  s.Nodes("nodes", {"cn-north-1a", "cn-north-1b"}, 2, "m5.large");
  return AnalyzeHa(s.cluster, s.groups);
}

TEST(HaReportRenderTest, JsonIsTheDocumentedObject) {
  nlohmann::json j = HaReportToJson(ThreeInTwoZones());
  EXPECT_EQ(j["cluster"], "ha.example.com");
  EXPECT_EQ(j["controlPlanes"], 3);
  EXPECT_EQ(j["zonesBreakingQuorum"], nlohmann::json({"cn-north-1a"}));
  ASSERT_EQ(j["zones"].size(), 2u);
  const auto& a = j["zones"][0];
  EXPECT_EQ(a["zone"], "cn-north-1a");
  EXPECT_EQ(a["controlPlanes"], 2);
  EXPECT_EQ(a["controlPlanesLeft"], 1);
  EXPECT_EQ(a["apiReachable"], false);
  EXPECT_EQ(a["quorumKept"], false);
  EXPECT_EQ(a["etcd"][0],
            nlohmann::json({{"cluster", "main"}, {"members", 3}, {"quorum", 2}, {"lost", 2}, {"left", 1},
                            {"lostMembers", {"a-1", "a-2"}}, {"quorumKept", false}}));
  EXPECT_EQ(a["nodeCapacity"], nlohmann::json({{"vcpusTotal", 4}, {"vcpusLeft", 2}, {"shareLeft", 0.5},
                                               {"unknownMachineTypes", nlohmann::json::array()}}));
  ASSERT_EQ(j["instances"].size(), 3u);
  EXPECT_EQ(j["instances"][2]["instance"], "control-plane-cn-north-1a-2");
  EXPECT_EQ(j["instances"][2]["instanceGroup"], "control-plane-cn-north-1a-2");
  EXPECT_EQ(j["instances"][2]["quorumKept"], true);
  EXPECT_EQ(j["findings"][0]["kind"], "ZoneMajority");
  EXPECT_EQ(j["findings"][0]["etcdCluster"], "main");
  EXPECT_EQ(j["suggestions"][0]["etcdClusters"], nlohmann::json({"main", "events"}));
  EXPECT_EQ(j["suggestions"][0]["steps"][1],
            nlohmann::json({{"action", "move"}, {"zone", "cn-north-1c"}, {"member", "a-2"},
                            {"instanceGroup", "control-plane-cn-north-1a-2"}, {"fromZone", "cn-north-1a"}}));
}

TEST(HaReportRenderTest, TableSaysWhatEachLossDoes) {
  std::ostringstream out;
  RenderHaReportTable(ThreeInTwoZones(), out);
  const std::string t = out.str();
  EXPECT_NE(t.find("HA report for cluster ha.example.com (cloud aws): 3 control planes, zones cn-north-1a, "
                   "cn-north-1b"),
            std::string::npos)
      << t;
  EXPECT_NE(t.find("ZONE         CONTROL PLANES  ETCD main           ETCD events         API"), std::string::npos) << t;
  EXPECT_NE(t.find("cn-north-1a  2               LOST (1 of 3 left)  LOST (1 of 3 left)  DOWN (etcd main quorum "
                   "lost)  50% (2 of 4 vCPUs)"),
            std::string::npos)
      << t;
  EXPECT_NE(t.find("control-plane-cn-north-1a-2  cn-north-1a  kept (2 of 3 left)"), std::string::npos) << t;
  EXPECT_NE(t.find("FINDINGS\n- zone cn-north-1a holds 2 of 3"), std::string::npos) << t;
  EXPECT_NE(t.find("SUGGESTIONS"), std::string::npos) << t;
}

TEST(HaReportRenderTest, UnknownMachineTypeIsNamedNotGuessed) {
  HaSpec s({"a", "b", "c"});
  s.ControlPlane("cp-a", "a", "a").ControlPlane("cp-b", "b", "b").ControlPlane("cp-c", "c", "c");
  s.Nodes("nodes", {"a"}, 1, "x9.enormous");
  HaReport r = AnalyzeHa(s.cluster, s.groups);
  EXPECT_TRUE(HaReportToJson(r)["zones"][0]["nodeCapacity"]["shareLeft"].is_null());
  std::ostringstream out;
  RenderHaReportTable(r, out);
  EXPECT_NE(out.str().find("unknown (machine type x9.enormous not in the catalogue)"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("Nothing to flag"), std::string::npos) << out.str();
}

}  // namespace
}  // namespace kops::ops
