#include "ops/validation_render.h"

#include <gtest/gtest.h>

#include <sstream>

#include "ops/validation.h"
#include "ops/validation_test_util.h"

namespace kops::ops {
namespace {

TEST(RenderValidationTable, HealthyCluster) {
  ValidationInput in = testing::HealthyInput();
  in.groups.resize(2);
  in.nodes.resize(1);
  in.etcd.resize(1);
  std::ostringstream out;
  RenderValidationTable(EvaluateCluster(in), out);
  EXPECT_EQ(out.str(),
            "INSTANCE GROUPS\n"
            "NAME                   ROLE          MACHINETYPE  MIN  MAX  SUBNETS\n"
            "control-plane-local-a  ControlPlane  local        1    1    local-a\n"
            "nodes-local-a          Node          local        1    1    local-a\n"
            "\nNODE STATUS\n"
            "NAME     ROLE  READY\n"
            "i-nodea  node  True\n"
            "\nETCD\n"
            "CLUSTER  MEMBER  ZONE     HEALTHY  LEADER  REVISION\n"
            "main     a       local-a  True             50\n"
            "main     b       local-b  True     *       50\n"
            "main     c       local-c  True             50\n"
            "\nYour cluster ha.local is ready\n");
}

TEST(RenderValidationTable, Failures) {
  std::ostringstream out;
  RenderValidationTable(EvaluateCluster(testing::ZoneADown()), out);
  std::string s = out.str();
  EXPECT_NE(s.find("main     a       local-a  False            -\n"), std::string::npos) << s;
  EXPECT_NE(s.find("\nVALIDATION ERRORS\nKIND           NAME                   MESSAGE\n"
                   "InstanceGroup  control-plane-local-a  InstanceGroup \"control-plane-local-a\" did not have "
                   "enough nodes 0 vs 1\n"),
            std::string::npos)
      << s;
  EXPECT_TRUE(s.ends_with("\nValidation Failed\n")) << s;
}

TEST(ValidationToJson, KopsShapePlusEtcd) {
  nlohmann::json j = ValidationToJson(EvaluateCluster(testing::ZoneADown()));
  ASSERT_EQ(j["failures"].size(), 4u);
  EXPECT_EQ(j["failures"][3], (nlohmann::json{{"type", "EtcdMember"},
                                              {"name", "etcd-events/a"},
                                              {"message", "etcd member \"a\" of cluster events (zone local-a) "
                                                          "has no running instance"}}));
  EXPECT_EQ(j["nodes"][0], (nlohmann::json{{"name", "i-nodeb"}, {"zone", "local-b"}, {"role", "node"},
                                           {"hostname", "i-nodeb"}, {"status", "True"}}));
  EXPECT_EQ(j["etcd"].size(), 6u);
  EXPECT_EQ(j["etcd"][1]["leader"], true);
  EXPECT_EQ(j["etcd"][1]["id"], "65");  // member id 101 in etcd's hex
  EXPECT_FALSE(j["etcd"][0].contains("id"));  // a of zone local-a did not answer
  EXPECT_FALSE(ValidationToJson(EvaluateCluster(testing::HealthyInput())).contains("failures"));
}

}  // namespace
}  // namespace kops::ops
