// The AWS model rendered as Terraform, compared block by block with kops' golden for
// tests/fixtures/kops/update_cluster/minimal-1.32 (every block we build must be
// byte-identical to kops'; the golden blocks we do not build yet are listed).
#include "cloud/aws/model.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

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

// The world of kops' mock cloud, as check-terraform's fake-aws answers it, and kops'
// memfs state store as its goldens render it (bucket "testingBucket", path "tests").
void AddKopsTestWorld(ModelInput& input) {
  input.facts.account_id = "123456789012";
  input.facts.partition = "aws-test";
  input.facts.hosted_zone_id = "Z1AFAKE1ZON3YO";
  for (const auto& ig : input.instance_groups) {
    input.facts.image_ids[ig.spec.image] = "ami-12345678";
    input.facts.image_root_devices[ig.spec.image] = "/dev/xvda";
  }
  input.state_store = {.scheme = "s3", .bucket = "testingBucket",
                       .cluster_path = "tests/" + input.cluster.name()};
}

// kops' policies name a read and a write placeholder bucket; with one state bucket the
// statements repeat, and kops writes each once.
nlohmann::json ExpectedJson(std::string text, const std::string& bucket) {
  for (const char* placeholder : {"placeholder-read-bucket", "placeholder-write-bucket"}) {
    for (size_t pos; (pos = text.find(placeholder)) != std::string::npos;) {
      text.replace(pos, std::string(placeholder).size(), bucket);
    }
  }
  nlohmann::json doc = nlohmann::json::parse(text);
  if (doc.is_object() && doc.contains("Statement")) {
    nlohmann::json unique = nlohmann::json::array();
    for (const auto& st : doc["Statement"]) {
      if (std::find(unique.begin(), unique.end(), st) == unique.end()) unique.push_back(st);
    }
    doc["Statement"] = unique;
  }
  return doc;
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
  AddKopsTestWorld(*input);
  auto out = Render(*input);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  auto golden_tf = ReadFile(kCase + "minimal-1.32/kubernetes.tf");
  ASSERT_TRUE(golden_tf.ok());
  auto golden = SplitBlocks(*golden_tf);
  auto ours = SplitBlocks(out->kubernetes_tf);
  int matched = 0;
  for (const auto& [header, block] : ours) {
    auto it = golden.find(header);
    ASSERT_NE(it, golden.end()) << "not in kops' output: " << header;
    EXPECT_EQ(block, it->second);
    ++matched;
  }
  for (const auto& [header, block] : golden) {
    EXPECT_TRUE(ours.contains(header)) << "missing: " << header;
  }
  EXPECT_EQ(matched, static_cast<int>(golden.size()));
  int files = 0;
  for (const auto& [path, contents] : out->files) {
    // node bootstrap and state-store contents are this tool's own (kops' vary by version)
    if (path.starts_with("data/aws_s3_object_") || path.ends_with("_user_data")) continue;
    auto expected = ReadFile(kCase + "minimal-1.32/" + path);
    ASSERT_TRUE(expected.ok()) << path;
    if (contents != *expected) {
      EXPECT_EQ(nlohmann::json::parse(contents), ExpectedJson(*expected, "testingBucket")) << path;
    }
    ++files;
  }
  EXPECT_EQ(files, 10);
}

TEST(AwsModel, RenderIsDeterministic) {
  auto input = LoadCase("minimal-1.32");
  ASSERT_TRUE(input.ok());
  AddKopsTestWorld(*input);
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
