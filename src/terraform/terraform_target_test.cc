#include "terraform/terraform_target.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "base/fake_clock.h"
#include "base/file_util.h"
#include "engine/fake_task.h"
#include "engine/run_graph.h"
#include "terraform/fake_tf_task.h"

namespace kops::terraform {
namespace {

using engine::Fields;
using engine::Value;

// A small cluster's worth of resources, added in an order unlike the output order.
engine::Graph SampleGraph() {
  engine::Graph g;
  auto subnet = std::make_unique<FakeTfTask>(
      "Subnet", "us-test-1a.minimal.example.com", "aws_subnet",
      Fields{{"vpc_id", Value::Ref("VPC/minimal.example.com")},
             {"cidr_block", "172.20.32.0/19"},
             {"tags", Value::Map{{"Name", "us-test-1a.minimal.example.com"}, {"SubnetType", "Public"}}}});
  auto vpc = std::make_unique<FakeTfTask>(
      "VPC", "minimal.example.com", "aws_vpc",
      Fields{{"cidr_block", "172.20.0.0/16"}, {"enable_dns_support", true}, {"unset", Value()}});
  auto role = std::make_unique<FakeTfTask>(
      "IAMRole", "masters.minimal.example.com", "aws_iam_role",
      Fields{{"name", "masters.minimal.example.com"},
             {"assume_role_policy", Value::File("{\"Version\": \"2012-10-17\"}")}});
  role->files["assume_role_policy"] = {"policy", false};
  auto object = std::make_unique<FakeTfTask>(
      "ManagedFile", "kops-version.txt", "aws_s3_object",
      Fields{{"bucket", "testingBucket"}, {"content", Value::File("1.32.0")}});
  object->provider = "aws.files";
  auto lt = std::make_unique<FakeTfTask>(
      "LaunchTemplate", "nodes.minimal.example.com", "aws_launch_template",
      Fields{{"user_data", Value::File("#!/bin/bash\n")},
             {"lifecycle", Fields{{"create_before_destroy", true}}},
             {"tag_specifications",
              Value::List{Fields{{"resource_type", "instance"}}, Fields{{"resource_type", "volume"}}}},
             {"network_interfaces",
              Fields{{"security_groups", Value::List{Value::Ref("Subnet/us-test-1a.minimal.example.com")}}}}});
  lt->files["user_data"] = {"user_data", true};
  EXPECT_TRUE(g.Add(std::move(subnet)).ok());
  EXPECT_TRUE(g.Add(std::move(lt)).ok());
  EXPECT_TRUE(g.Add(std::move(role)).ok());
  EXPECT_TRUE(g.Add(std::move(object)).ok());
  EXPECT_TRUE(g.Add(std::move(vpc)).ok());
  return g;
}

void AddExtras(TerraformTarget& target) {
  target.AddOutput("cluster_name", "minimal.example.com");
  target.AddOutput("vpc_id", Value::Ref("VPC/minimal.example.com"));
  target.AddOutputListItem("node_subnet_ids", Value::Ref("Subnet/us-test-1a.minimal.example.com"));
  target.AddOutputListItem("node_subnet_ids", Value::Ref("Subnet/us-test-1a.minimal.example.com"));
  target.AddOutputExpression("subnet_us-test-1a_id", "local.x == \"\" ? null : 1");
  target.AddProvider("aws", Body().Add("region", Expr::String("us-test-1")));
  target.SetTerraformSettings(Body().Add("required_version", Expr::String(">= 0.15.0")));
}

Result<TerraformOutput> Render() {
  engine::Graph g = SampleGraph();
  TerraformTarget target("");
  AddExtras(target);
  FakeClock clock;
  RETURN_IF_ERROR(engine::RunGraph(g, target, clock, {.offline = true, .executor = {}}));
  return target.Build();
}

const char kExpected[] = R"(locals {
  cluster_name         = "minimal.example.com"
  node_subnet_ids      = [aws_subnet.us-test-1a-minimal-example-com.id]
  subnet_us-test-1a_id = local.x == "" ? null : 1
  vpc_id               = aws_vpc.minimal-example-com.id
}

output "cluster_name" {
  value = "minimal.example.com"
}

output "node_subnet_ids" {
  value = [aws_subnet.us-test-1a-minimal-example-com.id]
}

output "subnet_us-test-1a_id" {
  value = local.x == "" ? null : 1
}

output "vpc_id" {
  value = aws_vpc.minimal-example-com.id
}

provider "aws" {
  region = "us-test-1"
}

resource "aws_iam_role" "masters-minimal-example-com" {
  assume_role_policy = file("${path.module}/data/aws_iam_role_masters.minimal.example.com_policy")
  name               = "masters.minimal.example.com"
}

resource "aws_launch_template" "nodes-minimal-example-com" {
  lifecycle {
    create_before_destroy = true
  }
  network_interfaces {
    security_groups = [aws_subnet.us-test-1a-minimal-example-com.id]
  }
  tag_specifications {
    resource_type = "instance"
  }
  tag_specifications {
    resource_type = "volume"
  }
  user_data = filebase64("${path.module}/data/aws_launch_template_nodes.minimal.example.com_user_data")
}

resource "aws_s3_object" "kops-version-txt" {
  bucket   = "testingBucket"
  content  = file("${path.module}/data/aws_s3_object_kops-version.txt_content")
  provider = aws.files
}

resource "aws_subnet" "us-test-1a-minimal-example-com" {
  cidr_block = "172.20.32.0/19"
  tags = {
    "Name"       = "us-test-1a.minimal.example.com"
    "SubnetType" = "Public"
  }
  vpc_id = aws_vpc.minimal-example-com.id
}

resource "aws_vpc" "minimal-example-com" {
  cidr_block         = "172.20.0.0/16"
  enable_dns_support = true
}

terraform {
  required_version = ">= 0.15.0"
}
)";

TEST(TerraformTarget, WritesSortedResourcesOutputsAndFiles) {
  auto out = Render();
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->kubernetes_tf, kExpected);
  std::map<std::string, std::string> files{
      {"data/aws_iam_role_masters.minimal.example.com_policy", "{\"Version\": \"2012-10-17\"}"},
      {"data/aws_launch_template_nodes.minimal.example.com_user_data", "#!/bin/bash\n"},
      {"data/aws_s3_object_kops-version.txt_content", "1.32.0"}};
  EXPECT_EQ(out->files, files);
}

TEST(TerraformTarget, TwoRunsAreByteIdentical) {
  auto a = Render();
  auto b = Render();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->kubernetes_tf, b->kubernetes_tf);
  EXPECT_EQ(a->files, b->files);
}

TEST(TerraformTarget, FinishWritesTheDirectory) {
  std::string dir = testing::TempDir() + "/tf-target-out";
  std::filesystem::remove_all(dir);
  engine::Graph g = SampleGraph();
  TerraformTarget target(dir);
  AddExtras(target);
  FakeClock clock;
  ASSERT_TRUE(engine::RunGraph(g, target, clock, {.offline = true, .executor = {}}).ok());
  auto tf = ReadFile(dir + "/kubernetes.tf");
  ASSERT_TRUE(tf.ok());
  EXPECT_EQ(*tf, kExpected);
  auto policy = ReadFile(dir + "/data/aws_iam_role_masters.minimal.example.com_policy");
  ASSERT_TRUE(policy.ok());
  EXPECT_EQ(*policy, "{\"Version\": \"2012-10-17\"}");
}

TEST(TerraformTarget, RejectsTasksWithoutTerraformSupport) {
  engine::Graph g;
  ASSERT_TRUE(g.Add(std::make_unique<engine::FakeTask>("VPC", "x", Fields{{"a", 1}})).ok());
  TerraformTarget target("");
  FakeClock clock;
  Status s = engine::RunGraph(g, target, clock, {.offline = true, .executor = {}});
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("VPC/x"), std::string::npos) << s.message();
}

TEST(TerraformTarget, RejectsDuplicateNamesAfterSanitizing) {
  FakeTfTask a("A", "x.y", "aws_vpc", Fields{});
  FakeTfTask b("B", "x-y", "aws_vpc", Fields{});
  TerraformTarget target("");
  engine::Context ctx(target, true);
  ASSERT_TRUE(target.Render(a, {}, ctx).ok());
  ASSERT_TRUE(target.Render(b, {}, ctx).ok());
  auto out = target.Build();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("aws_vpc.x-y"), std::string::npos);
}

TEST(TerraformTarget, ReferenceToUnrenderedTaskIsAnError) {
  FakeTfTask a("A", "a", "aws_subnet", Fields{{"vpc_id", Value::Ref("VPC/missing")}});
  TerraformTarget target("");
  engine::Context ctx(target, true);
  ASSERT_TRUE(target.Render(a, {}, ctx).ok());
  auto out = target.Build();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("VPC/missing"), std::string::npos);
}

}  // namespace
}  // namespace kops::terraform
