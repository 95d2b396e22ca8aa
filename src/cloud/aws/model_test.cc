// The AWS model rendered as Terraform, compared block by block with kops' golden for
// tests/fixtures/kops/update_cluster/minimal-1.32 (every block we build must be
// byte-identical to kops'; the golden blocks we do not build yet are listed).
#include "cloud/aws/model.h"

#include <gtest/gtest.h>

#include <map>

#include "api/codec.h"
#include "cloud/aws/cluster_builder.h"
#include "base/fake_clock.h"
#include "base/file_util.h"
#include "engine/run_graph.h"

namespace kops::cloud::aws {
namespace {

const std::string kCase = std::string(KOPS_SOURCE_DIR) + "/tests/fixtures/kops/update_cluster/";

// Top-level blocks by their header line ("resource \"aws_vpc\" \"x\" {").
std::map<std::string, std::string> SplitBlocks(const std::string& tf) {
  std::map<std::string, std::string> blocks;
  int providers = 0;
  size_t pos = 0;
  while (pos < tf.size()) {
    size_t end = tf.find("\n}\n", pos);
    if (end == std::string::npos) break;
    std::string block = tf.substr(pos, end + 3 - pos);
    std::string header = block.substr(0, block.find('\n'));
    if (header.starts_with("provider")) header += "#" + std::to_string(providers++);
    blocks[header] = block;
    pos = end + 3;
    while (pos < tf.size() && tf[pos] == '\n') ++pos;
  }
  return blocks;
}

Result<ModelInput> LoadCase(const std::string& name) {
  ASSIGN_OR_RETURN(std::string yaml, ReadFile(kCase + name + "/in-v1alpha2.yaml"));
  ASSIGN_OR_RETURN(std::vector<api::Object> objects, api::DecodeObjects(yaml, "in-v1alpha2.yaml"));
  ModelInput input;
  for (auto& o : objects) {
    if (auto* c = std::get_if<api::Cluster>(&o)) input.cluster = std::move(*c);
    if (auto* ig = std::get_if<api::InstanceGroup>(&o)) input.instance_groups.push_back(std::move(*ig));
  }
  auto key = ReadFile(kCase + name + "/id_rsa.pub");
  if (key.ok()) input.ssh_public_key = *key;
  return input;
}

Result<terraform::TerraformOutput> Render(const ModelInput& input) {
  engine::Graph graph;
  RETURN_IF_ERROR(BuildModel(input, graph));
  terraform::TerraformTarget target("");
  AddTerraformExtras(input, target);
  FakeClock clock;
  RETURN_IF_ERROR(engine::RunGraph(graph, target, clock, {.offline = true, .executor = {}}));
  return target.Build();
}

TEST(AwsModel, Minimal132BlocksMatchKops) {
  auto input = LoadCase("minimal-1.32");
  ASSERT_TRUE(input.ok()) << input.status().ToString();
  auto out = Render(*input);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  auto golden_tf = ReadFile(kCase + "minimal-1.32/kubernetes.tf");
  ASSERT_TRUE(golden_tf.ok());
  auto golden = SplitBlocks(*golden_tf);
  auto ours = SplitBlocks(out->kubernetes_tf);
  int matched = 0;
  for (const auto& [header, block] : ours) {
    if (header == "locals {") continue;  // holds outputs of resources not built yet
    auto it = golden.find(header);
    ASSERT_NE(it, golden.end()) << "not in kops' output: " << header;
    EXPECT_EQ(block, it->second);
    ++matched;
  }
  EXPECT_EQ(matched, 31);  // grows as the model grows
  for (const auto& [path, contents] : out->files) {
    auto expected = ReadFile(kCase + "minimal-1.32/" + path);
    ASSERT_TRUE(expected.ok()) << path;
    EXPECT_EQ(contents, *expected) << path;
  }
}

TEST(AwsModel, RenderIsDeterministic) {
  auto input = LoadCase("minimal-1.32");
  ASSERT_TRUE(input.ok());
  auto a = Render(*input);
  auto b = Render(*input);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->kubernetes_tf, b->kubernetes_tf);
  EXPECT_EQ(a->files, b->files);
}

TEST(AwsModel, EtcdVolumesForThreeMembersNameAllMembers) {
  auto input = LoadCase("minimal-1.32");
  ASSERT_TRUE(input.ok());
  auto& etcd = input->cluster.spec.etcd_clusters[0];
  etcd.members[0].name = "b";
  etcd.members.push_back(etcd.members[0]);
  etcd.members.back().name = "a";
  engine::Graph graph;
  ModelContext m(*input);
  ASSERT_TRUE(BuildEtcdVolumes(m, graph).ok());
  auto* task = graph.Find("EBSVolume/b.etcd-main.minimal.example.com");
  ASSERT_NE(task, nullptr);
  engine::Fields fields = task->Expected();
  const auto* tags = fields.Find("tags")->get_if<engine::Value::Map>();
  EXPECT_EQ(tags->at("k8s.io/etcd/main"), engine::Value("b/a,b"));
}

TEST(AwsModel, PrivateSubnetsAreNotSupportedYet) {
  auto input = LoadCase("minimal-1.32");
  ASSERT_TRUE(input.ok());
  input->cluster.spec.subnets[0].type = "Private";
  engine::Graph graph;
  Status s = BuildModel(*input, graph);
  EXPECT_EQ(s.code(), Code::kFailedPrecondition);
}

}  // namespace
}  // namespace kops::cloud::aws
