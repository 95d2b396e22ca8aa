// The private network, API load balancer, bastion and DNS builders rendered as Terraform
// and compared block by block with kops' goldens (privatecalico, complex, ha), plus the
// naming rules and the spec variants the goldens do not cover.
#include "cloud/aws/load_balancer.h"

#include <gtest/gtest.h>

#include <map>

#include "api/codec.h"
#include "base/fake_clock.h"
#include "base/file_util.h"
#include "cloud/aws/bastion.h"
#include "cloud/aws/dns.h"
#include "cloud/aws/load_balancer_names.h"
#include "cloud/aws/load_balancer_security.h"
#include "cloud/aws/model.h"
#include "cloud/aws/network_builder.h"
#include "cloud/aws/resource_task.h"
#include "engine/run_graph.h"

namespace kops::cloud::aws {
namespace {

const std::string kCases = std::string(KOPS_SOURCE_DIR) + "/tests/fixtures/kops/update_cluster/";

std::map<std::string, std::string> Blocks(const std::string& tf) {
  std::map<std::string, std::string> blocks;
  size_t pos = 0;
  while (pos < tf.size()) {
    size_t end = tf.find("\n}\n", pos);
    if (end == std::string::npos) break;
    std::string block = tf.substr(pos, end + 3 - pos);
    blocks[block.substr(0, block.find('\n'))] = block;
    pos = end + 3;
    while (pos < tf.size() && tf[pos] == '\n') ++pos;
  }
  return blocks;
}

ModelInput Load(const std::string& name) {
  auto yaml = ReadFile(kCases + name + "/in-v1alpha2.yaml");
  EXPECT_TRUE(yaml.ok());
  auto objects = api::DecodeObjects(*yaml, "in-v1alpha2.yaml");
  EXPECT_TRUE(objects.ok()) << objects.status().ToString();
  ModelInput input;
  for (auto& o : *objects) {
    if (auto* c = std::get_if<api::Cluster>(&o)) input.cluster = std::move(*c);
    if (auto* ig = std::get_if<api::InstanceGroup>(&o)) input.instance_groups.push_back(std::move(*ig));
  }
  if (input.cluster.spec.master_public_name.empty()) {
    input.cluster.spec.master_public_name = "api." + input.cluster.name();
  }
  // The hosted zone as the Route53 look-up (fake-aws, kops' mock cloud) finds it.
  input.facts.hosted_zone_id = "Z1AFAKE1ZON3YO";
  return input;
}

class StubGroup : public ResourceTask {
 public:
  explicit StubGroup(const std::string& name)
      : ResourceTask("SecurityGroup", name, "aws_security_group", {}) {}
};

// Our builders only, plus stand-ins for the control-plane and node security groups
// (another builder's) that our rules refer to.
Result<std::string> Render(const ModelInput& input) {
  ModelContext m(input);
  engine::Graph g;
  RETURN_IF_ERROR(BuildNetwork(m, g));
  RETURN_IF_ERROR(BuildApiLoadBalancer(m, g));
  RETURN_IF_ERROR(BuildApiLoadBalancerSecurity(m, g));
  RETURN_IF_ERROR(BuildBastion(m, g));
  RETURN_IF_ERROR(BuildDns(m, g));
  for (bool cp : {true, false}) {
    if (g.Find(m.SecurityGroupKey(cp))) continue;
    RETURN_IF_ERROR(AddTask(g, std::make_unique<StubGroup>(m.SecurityGroupName(cp))));
  }
  terraform::TerraformTarget target("");
  FakeClock clock;
  RETURN_IF_ERROR(engine::RunGraph(g, target, clock, {.offline = true, .executor = {}}));
  ASSIGN_OR_RETURN(terraform::TerraformOutput out, target.Build());
  return out.kubernetes_tf;
}

// Every block we write is in kops' golden and equal to it; returns how many.
int CompareWithGolden(const std::string& name, const std::string& ours) {
  auto golden_tf = ReadFile(kCases + name + "/kubernetes.tf");
  EXPECT_TRUE(golden_tf.ok());
  auto golden = Blocks(*golden_tf);
  int matched = 0;
  for (const auto& [header, block] : Blocks(ours)) {
    if (header.starts_with("locals") || block.find("\n") == block.rfind("\n}\n")) continue;  // stubs
    auto it = golden.find(header);
    EXPECT_NE(it, golden.end()) << name << ": not in kops' output: " << header;
    if (it == golden.end()) continue;
    EXPECT_EQ(block, it->second) << name;
    ++matched;
  }
  return matched;
}

TEST(LoadBalancerNames, TruncateLikeKops) {
  EXPECT_EQ(TruncateWithHash("foo", 64, false), "foo");
  EXPECT_EQ(TruncateWithHash("this_string_is_33_characters_long", 64, true),
            "this_string_is_33_characters_long-t4mk8d");
  EXPECT_EQ(TruncateWithHash("this_string_is_longer_it_is_46_characters_long", 32, false),
            "this_string_is_longer_it_-ha2gug");
  EXPECT_EQ(ResourceName32("privatecalico.example.com", "api"), "api-privatecalico-example-0uch4k");
  EXPECT_EQ(ResourceName32("privatecalico.example.com", "tcp"), "tcp-privatecalico-example-lveo5b");
  EXPECT_EQ(ResourceName32("complex.example.com", "tls"), "tls-complex-example-com-5nursn");
}

TEST(LoadBalancerGolden, PrivateCalicoBlocksMatchKops) {
  auto tf = Render(Load("privatecalico"));
  ASSERT_TRUE(tf.ok()) << tf.status().ToString();
  // VPC, DHCP x2, IGW, 2 route tables, 3 routes, 2 associations, 2 subnets, EIP, NAT;
  // 2 NLBs, 2 listeners, 2 target groups, 2 records; 3 groups and 24 rules.
  EXPECT_EQ(CompareWithGolden("privatecalico", *tf), 50);
}

TEST(LoadBalancerGolden, ComplexBlocksMatchKops) {
  auto tf = Render(Load("complex"));
  ASSERT_TRUE(tf.ok()) << tf.status().ToString();
  EXPECT_EQ(CompareWithGolden("complex", *tf), 39);
}

TEST(LoadBalancerGolden, HaNetworkBlocksMatchKops) {
  auto tf = Render(Load("ha"));
  ASSERT_TRUE(tf.ok()) << tf.status().ToString();
  EXPECT_EQ(CompareWithGolden("ha", *tf), 13);
}

}  // namespace
}  // namespace kops::cloud::aws
