// kops' own fixtures are valid specs: they must validate cleanly, before and after
// defaults, and their etcd layouts give the expected HA verdicts.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/codec.h"
#include "api/defaults.h"
#include "api/etcd_layout.h"
#include "api/validation.h"
#include "api/validation_test_specs.h"

namespace kops::api {
namespace {

namespace fs = std::filesystem;

struct Spec {
  std::string path;
  Cluster cluster;
  std::vector<InstanceGroup> groups;
};

std::vector<Spec> FixtureSpecs() {
  std::vector<Spec> out;
  fs::path root = fs::path(KOPS_SOURCE_DIR) / "tests/fixtures/kops";
  for (auto& e : fs::recursive_directory_iterator(root)) {
    std::string name = e.path().filename().string();
    if (name != "expected-v1alpha2.yaml" && name != "in-v1alpha2.yaml") continue;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    auto objects = DecodeObjects(ss.str(), e.path().string());
    EXPECT_TRUE(objects.ok()) << objects.status().message();
    if (!objects.ok()) continue;
    Spec spec{e.path().lexically_relative(root).string(), {}, {}};
    for (auto& o : *objects) {
      if (auto* c = std::get_if<Cluster>(&o)) spec.cluster = *c;
      if (auto* g = std::get_if<InstanceGroup>(&o)) spec.groups.push_back(*g);
    }
    out.push_back(std::move(spec));
  }
  std::sort(out.begin(), out.end(), [](const Spec& a, const Spec& b) { return a.path < b.path; });
  return out;
}

TEST(ValidationFixturesTest, EveryFixtureValidates) {
  auto specs = FixtureSpecs();
  ASSERT_GE(specs.size(), 11u);
  for (const auto& s : specs) {
    EXPECT_VALID(ValidateAll(s.cluster, s.groups, false)) << s.path;
    for (const auto& g : s.groups) EXPECT_VALID(ValidateInstanceGroup(g, &s.cluster)) << s.path;
  }
}

TEST(ValidationFixturesTest, EveryFixtureValidatesStrictAfterDefaults) {
  for (auto s : FixtureSpecs()) {
    ApplyDefaults(s.cluster);
    for (auto& g : s.groups) ApplyDefaults(g, s.cluster);
    EXPECT_VALID(ValidateAll(s.cluster, s.groups, true)) << s.path;
    EXPECT_VALID(ValidateClusterUpdate(s.cluster, s.cluster)) << s.path;
  }
}

TEST(ValidationFixturesTest, HaVerdicts) {
  for (const auto& s : FixtureSpecs()) {
    EtcdLayout layout = ComputeEtcdLayout(s.cluster, s.groups);
    ASSERT_FALSE(layout.clusters.empty()) << s.path;
    if (s.path == "create_cluster/ha/expected-v1alpha2.yaml" || s.path == "update_cluster/ha/in-v1alpha2.yaml") {
      EXPECT_TRUE(layout.SurvivesAnyZoneLoss()) << s.path << ": " << layout.clusters[0].Verdict();
    }
    if (s.path == "create_cluster/ha_shared_zone/expected-v1alpha2.yaml") {
      EXPECT_FALSE(layout.SurvivesAnyZoneLoss());
      EXPECT_EQ(layout.clusters[0].zones_breaking_quorum, std::vector<std::string>{"us-test-1a"});
    }
  }
}

}  // namespace
}  // namespace kops::api
