#include "terraform/names.h"

#include <gtest/gtest.h>

namespace kops::terraform {
namespace {

TEST(SanitizeName, FollowsKopsRule) {
  EXPECT_EQ(SanitizeName("minimal.example.com"), "minimal-example-com");
  EXPECT_EQ(SanitizeName("from-0.0.0.0/0-ingress-tcp-22to22-masters.minimal.example.com"),
            "from-0-0-0-0--0-ingress-tcp-22to22-masters-minimal-example-com");
  EXPECT_EQ(SanitizeName("route-::/0"), "route-__--0");
  EXPECT_EQ(SanitizeName("subnet_us-test-1a_id"), "subnet_us-test-1a_id");
  EXPECT_EQ(SanitizeName("1a.x"), "prefix_1a-x");
}

TEST(DataFilePath, KeepsTheUnsanitizedName) {
  EXPECT_EQ(DataFilePath("aws_iam_role", "masters.minimal.example.com", "policy"),
            "data/aws_iam_role_masters.minimal.example.com_policy");
}

}  // namespace
}  // namespace kops::terraform
