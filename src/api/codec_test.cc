#include "api/codec.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/yaml_writer.h"

namespace kops::api {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A schema-free YAML -> JSON conversion (plain scalars typed as YAML reads them), to
// check that typed decoding loses and invents nothing.
nlohmann::json Generic(const YAML::Node& n) {
  if (n.IsMap()) {
    nlohmann::json o = nlohmann::json::object();
    for (auto it = n.begin(); it != n.end(); ++it) o[it->first.Scalar()] = Generic(it->second);
    return o;
  }
  if (n.IsSequence()) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& i : n) a.push_back(Generic(i));
    return a;
  }
  if (n.IsNull()) return nullptr;
  const std::string& s = n.Scalar();
  if (n.Tag() == "?") {
    if (s == "true") return true;
    if (s == "false") return false;
    long long i;
    if (YAML::convert<long long>::decode(n, i)) return i;
    double d;
    if (YAML::convert<double>::decode(n, d)) return d;
  }
  return s;
}

std::vector<fs::path> FixtureFiles() {
  std::vector<fs::path> out;
  fs::path root = fs::path(KOPS_SOURCE_DIR) / "tests/fixtures/kops";
  for (auto& e : fs::recursive_directory_iterator(root))
    if (e.path().extension() == ".yaml" && e.path().filename() != "options.yaml") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(CodecTest, EveryFixtureRoundTripsWithoutLoss) {
  auto files = FixtureFiles();
  ASSERT_GE(files.size(), 11u);
  for (const auto& file : files) {
    SCOPED_TRACE(file.string());
    std::string text = Slurp(file);
    auto objects = DecodeObjects(text, file.string());
    ASSERT_TRUE(objects.ok()) << objects.status().message();
    auto docs = YAML::LoadAll(text);
    size_t i = 0;
    for (const auto& doc : docs) {
      if (doc.IsNull()) continue;
      ASSERT_LT(i, objects->size());
      EXPECT_EQ(ToJson((*objects)[i]), Generic(doc));
      ++i;
    }
    // Written back and read again: the same objects.
    std::string written = ObjectsToYaml(*objects);
    auto again = DecodeObjects(written, "written");
    ASSERT_TRUE(again.ok()) << again.status().message() << "\n" << written;
    ASSERT_EQ(again->size(), objects->size());
    for (size_t k = 0; k < objects->size(); ++k) EXPECT_EQ(ToJson((*again)[k]), ToJson((*objects)[k]));
  }
}

TEST(CodecTest, ExpectedFilesAreWrittenByteForByte) {
  // kops' create_cluster expected files are kops' own YAML output: ours matches exactly.
  for (const auto& file : FixtureFiles()) {
    if (file.filename() != "expected-v1alpha2.yaml") continue;
    SCOPED_TRACE(file.string());
    std::string text = Slurp(file);
    auto objects = DecodeObjects(text, file.string());
    ASSERT_TRUE(objects.ok());
    EXPECT_EQ(ObjectsToYaml(*objects), text);
  }
}

TEST(CodecTest, UnknownFieldNamesFileLineFieldAndAccepted) {
  auto r = DecodeObjects(
      "apiVersion: kops.k8s.io/v1alpha2\nkind: InstanceGroup\nmetadata:\n  name: nodes\n"
      "spec:\n  role: Node\n  maxSize: 2\n  minsize: 1\n",
      "ig.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  const std::string& m = r.status().message();
  EXPECT_NE(m.find("ig.yaml:8"), std::string::npos) << m;
  EXPECT_NE(m.find("spec.minsize"), std::string::npos) << m;
  EXPECT_NE(m.find("minSize"), std::string::npos) << m;  // the accepted spelling is listed
}

TEST(CodecTest, WrongTypeIsAnError) {
  auto r = DecodeObjects(
      "apiVersion: kops.k8s.io/v1alpha2\nkind: InstanceGroup\nmetadata:\n  name: nodes\n"
      "spec:\n  maxSize: two\n",
      "ig.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("ig.yaml:6: field spec.maxSize: expected an integer, got \"two\""),
            std::string::npos)
      << r.status().message();
  auto s = DecodeObjects(
      "apiVersion: kops.k8s.io/v1alpha2\nkind: Cluster\nmetadata:\n  name: c\nspec:\n  subnets: {}\n",
      "c.yaml");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("spec.subnets: expected a list"), std::string::npos);
}

TEST(CodecTest, MalformedYamlAndWrongKindAreErrors) {
  auto bad = DecodeObjects("kind: Cluster\n  spec: [\n", "bad.yaml");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("bad.yaml:"), std::string::npos);
  EXPECT_NE(bad.status().message().find("malformed YAML"), std::string::npos);
  auto kind = DecodeObjects("apiVersion: kops.k8s.io/v1alpha2\nkind: Pod\n", "k.yaml");
  ASSERT_FALSE(kind.ok());
  EXPECT_NE(kind.status().message().find("\"Pod\""), std::string::npos);
  EXPECT_NE(kind.status().message().find("\"InstanceGroup\""), std::string::npos);
  auto version = DecodeObjects("apiVersion: v1\nkind: Cluster\n", "v.yaml");
  EXPECT_NE(version.status().message().find("kops.k8s.io/v1alpha2"), std::string::npos);
}

TEST(CodecTest, JsonInputIsAccepted) {
  auto r = DecodeCluster(
      R"({"apiVersion":"kops.k8s.io/v1alpha2","kind":"Cluster","metadata":{"name":"a.example.com"},)"
      R"("spec":{"kubelet":{"anonymousAuth":false},"authorization":{"rbac":{}}}})",
      "c.json");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->spec.kubelet->anonymous_auth, false);
  std::string yaml = ToYaml(*r);
  EXPECT_NE(yaml.find("rbac: {}"), std::string::npos);
  EXPECT_NE(yaml.find("anonymousAuth: false"), std::string::npos);
}

TEST(CodecTest, EtcdBackupStoreRoundTripsThroughJsonAndYaml) {
  auto r = DecodeCluster(
      R"({"apiVersion":"kops.k8s.io/v1alpha2","kind":"Cluster","metadata":{"name":"a.example.com"},)"
      R"("spec":{"etcdClusters":[{"name":"main","etcdMembers":[{"name":"a","instanceGroup":"cp-a"}],)"
      R"("backups":{"backupStore":"s3://backups/a.example.com/etcd/main"}}]}})",
      "c.json");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->spec.etcd_clusters.size(), 1u);
  ASSERT_TRUE(r->spec.etcd_clusters[0].backups.has_value());
  EXPECT_EQ(r->spec.etcd_clusters[0].backups->backup_store, "s3://backups/a.example.com/etcd/main");
  std::string yaml = ToYaml(*r);
  EXPECT_NE(yaml.find("backupStore: s3://backups/a.example.com/etcd/main"), std::string::npos) << yaml;
  auto again = DecodeCluster(yaml, "again.yaml");
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->spec.etcd_clusters[0].backups->backup_store, "s3://backups/a.example.com/etcd/main");
  EXPECT_EQ(ToYaml(*again), yaml);
  auto misspelt = DecodeCluster(
      "apiVersion: kops.k8s.io/v1alpha2\nkind: Cluster\nmetadata:\n  name: a.example.com\n"
      "spec:\n  etcdClusters:\n  - name: main\n    backups:\n      backupstore: s3://b/p\n",
      "m.yaml");
  ASSERT_FALSE(misspelt.ok());
  EXPECT_NE(misspelt.status().message().find("backupstore"), std::string::npos) << misspelt.status().message();
  EXPECT_NE(misspelt.status().message().find("backupStore"), std::string::npos) << misspelt.status().message();
}

TEST(CodecTest, ControlPlaneRoleIsReadAsMaster) {
  auto r = DecodeInstanceGroup(
      "apiVersion: kops.k8s.io/v1alpha2\nkind: InstanceGroup\nmetadata:\n  name: cp\nspec:\n  role: ControlPlane\n",
      "ig.yaml");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->spec.IsControlPlane());
}

TEST(YamlWriterTest, QuotesOnlyWhatWouldReadAsAnotherType) {
  nlohmann::json j = {{"a", "2017-01-01T00:00:00Z"}, {"b", "cn=John Doe: dc=example"},
                      {"c", "plain text"}, {"d", ""}, {"e", "true"}, {"f", "10"},
                      {"g", "line1\nline2\n"}, {"h", "::/0"}, {"i", "0.0.0.0/0"}};
  EXPECT_EQ(ToYamlText(j),
            "a: \"2017-01-01T00:00:00Z\"\nb: 'cn=John Doe: dc=example'\nc: plain text\nd: \"\"\n"
            "e: \"true\"\nf: \"10\"\ng: |\n  line1\n  line2\nh: ::/0\ni: 0.0.0.0/0\n");
}

TEST(YamlWriterTest, KeysInYamlV2Order) {
  EXPECT_TRUE(YamlKeyLess("Owner", "dn"));
  EXPECT_TRUE(YamlKeyLess("a2", "a10"));
  EXPECT_FALSE(YamlKeyLess("a10", "a2"));
  EXPECT_TRUE(YamlKeyLess("foo/bar", "foobar"));  // '/' sorts before letters
}

}  // namespace
}  // namespace kops::api
