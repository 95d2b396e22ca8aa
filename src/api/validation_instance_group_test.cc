#include "api/validation.h"

#include "api/validation_test_specs.h"

namespace kops::api {
namespace {

using testing::Group;
using testing::HaCluster;

TEST(ValidateInstanceGroupTest, ValidGroups) {
  Cluster c = HaCluster();
  EXPECT_VALID(ValidateInstanceGroup(Group("control-plane-us-test-1a", "Master", {"us-test-1a"}), &c));
  EXPECT_VALID(ValidateInstanceGroup(Group("cp", "ControlPlane", {"us-test-1a"}), nullptr));
  EXPECT_VALID(ValidateInstanceGroup(Group("api", "APIServer", {"us-test-1a", "us-test-1b"}, 2, 3), &c));
  EXPECT_VALID(ValidateInstanceGroup(Group("nodes", "Node", {"us-test-1a"}, 0, 5), &c));
}

TEST(ValidateInstanceGroupTest, Role) {
  EXPECT_ERROR(ValidateInstanceGroup(Group("g", "", {"a"}), nullptr), "spec.role: Required value",
               "\"ControlPlane\", \"Master\", \"APIServer\", \"Node\", \"Bastion\"");
  EXPECT_ERROR(ValidateInstanceGroup(Group("g", "Worker", {"a"}), nullptr),
               "spec.role: Unsupported value: \"Worker\"", "\"Node\", \"Bastion\"");
}

TEST(ValidateInstanceGroupTest, NameIsDnsSubdomain) {
  EXPECT_ERROR(ValidateInstanceGroup(Group("Nodes_A", "Node", {"a"}), nullptr),
               "metadata.name: Invalid value: \"Nodes_A\"", "RFC 1123 subdomain");
  EXPECT_ERROR(ValidateInstanceGroup(Group("", "Node", {"a"}), nullptr), "metadata.name: Required value");
}

TEST(ValidateInstanceGroupTest, Sizes) {
  EXPECT_ERROR(ValidateInstanceGroup(Group("g", "Node", {"a"}, 3, 2), nullptr),
               "spec.maxSize: Invalid value: 2", "maxSize must be greater than or equal to minSize (minSize is 3)");
  EXPECT_ERROR(ValidateInstanceGroup(Group("g", "Node", {"a"}, -1, 2), nullptr),
               "spec.minSize: Invalid value: -1", "greater than or equal to 0");
}

TEST(ValidateInstanceGroupTest, ControlPlaneRunsExactlyOneInstance) {
  Status s = ValidateInstanceGroup(Group("cp", "Master", {"a"}, 3, 3), nullptr);
  EXPECT_ERROR(s, "spec.minSize: Invalid value: 3", "minSize and maxSize must be 1");
  EXPECT_ERROR(s, "spec.maxSize: Invalid value: 3", "minSize and maxSize must be 1");
}

TEST(ValidateInstanceGroupTest, ControlPlaneHasExactlyOneSubnet) {
  EXPECT_ERROR(ValidateInstanceGroup(Group("cp", "Master", {}), nullptr), "spec.subnets: Required value",
               "control-plane InstanceGroup \"cp\" did not specify any Subnets");
  EXPECT_ERROR(ValidateInstanceGroup(Group("cp", "Master", {"a", "b"}), nullptr),
               "spec.subnets: Invalid value: \"a,b\"", "exactly one subnet");
}

TEST(ValidateInstanceGroupTest, SubnetsExistInCluster) {
  Cluster c = HaCluster();
  EXPECT_ERROR(ValidateInstanceGroup(Group("nodes", "Node", {"us-test-1a", "us-test-1z"}, 1, 1), &c),
               "spec.subnets[1]: Not found: \"us-test-1z\"", "not configured as a Subnet in the cluster",
               "\"us-test-1a\", \"us-test-1b\", \"us-test-1c\"");
}

TEST(ValidateInstanceGroupTest, TenancyManagerVolumes) {
  InstanceGroup g = Group("g", "Node", {"a"});
  g.spec.tenancy = "shared";
  g.spec.manager = "Magic";
  g.spec.volumes.push_back({});
  Status s = ValidateInstanceGroup(g, nullptr);
  EXPECT_ERROR(s, "spec.tenancy: Unsupported value: \"shared\"", "\"default\", \"dedicated\", \"host\"");
  EXPECT_ERROR(s, "spec.manager: Unsupported value: \"Magic\"", "\"CloudGroup\", \"Karpenter\"");
  EXPECT_ERROR(s, "spec.volumes[0].device: Required value");
  EXPECT_ERROR(s, "spec.volumes[0].size: Invalid value: 0");
}

}  // namespace
}  // namespace kops::api
