// CSV, --cloud-labels, --set and cloud inference.
#include <gtest/gtest.h>

#include "create/cloud_inference.h"
#include "create/cloud_labels.h"
#include "create/csv.h"
#include "create/set_fields.h"

namespace kops::create {
namespace {

using Strings = std::vector<std::string>;

TEST(CsvTest, SplitsLikeGo) {
  EXPECT_EQ(*ParseCsvRecord("a,b,c"), (Strings{"a", "b", "c"}));
  EXPECT_EQ(*ParseCsvRecord("\"a,b\",c"), (Strings{"a,b", "c"}));
  EXPECT_EQ(*ParseCsvRecord("\"say \"\"hi\"\"\""), (Strings{"say \"hi\""}));
  EXPECT_EQ(*ParseCsvRecord(""), (Strings{""}));
  EXPECT_FALSE(ParseCsvRecord("a\"b").ok());
  EXPECT_FALSE(ParseCsvRecord("\"ab").ok());
  EXPECT_EQ(*ParseCsvRecord("a\"b", {.lazy_quotes = true}), (Strings{"a\"b"}));
  EXPECT_EQ(*ParseCsvRecord(" k= v", {.separator = '=', .trim_leading_space = true}),
            (Strings{"k", "v"}));
}

TEST(CloudLabelsTest, ParsesKopsForm) {
  auto labels = ParseCloudLabels("Owner=John Doe,dn=\"cn=John Doe: dc=example dc=com\", foo/bar=fib+baz");
  ASSERT_TRUE(labels.ok()) << labels.status().message();
  EXPECT_EQ(labels->at("Owner"), "John Doe");
  EXPECT_EQ(labels->at("dn"), "cn=John Doe: dc=example dc=com");
  EXPECT_EQ(labels->at("foo/bar"), "fib+baz");
  EXPECT_EQ(labels->size(), 3u);
  auto bad = ParseCloudLabels("a=b=c");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("--cloud-labels"), std::string::npos);
  EXPECT_FALSE(ParseCloudLabels("novalue").ok());
}

TEST(SetFlagsTest, SplitsOccurrencesWithLazyQuotes) {
  EXPECT_EQ(*SplitSetFlags({"\"cluster.spec.nodePortAccess=1.2.3.4/32,10.20.30.0/24\""}),
            (Strings{"cluster.spec.nodePortAccess=1.2.3.4/32,10.20.30.0/24"}));
  EXPECT_EQ(*SplitSetFlags({"a=1,b=2", "c=3"}), (Strings{"a=1", "b=2", "c=3"}));
}

TEST(SetFieldsTest, SetsScalarsListsMapsAndIndexes) {
  api::Cluster c;
  std::vector<api::InstanceGroup> groups(2);
  Status st = ApplySetsAndUnsets(
      {"cluster.spec.nodePortAccess=1.2.3.4/32,10.20.30.0/24",
       "cluster.spec.addons[0].manifest=https://example.com/addon.yaml",
       "spec.kubernetesVersion=1.33.0", "cluster.spec.kubelet.maxPods=50",
       "cluster.spec.kubelet.featureGates.Foo=true", "cluster.spec.cloudLabels=a=1,b=2",
       "cluster.spec.iam.allowContainerRegistry=true", "instancegroup.spec.rootVolumeSize=64",
       "cluster.spec.api.loadBalancer.type=Internal"},
      {}, c, groups);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(c.spec.node_port_access, (Strings{"1.2.3.4/32", "10.20.30.0/24"}));
  ASSERT_EQ(c.spec.addons.size(), 1u);
  EXPECT_EQ(c.spec.addons[0].manifest, "https://example.com/addon.yaml");
  EXPECT_EQ(c.spec.kubernetes_version, "1.33.0");
  EXPECT_EQ(c.spec.kubelet->max_pods, 50);
  EXPECT_EQ(c.spec.kubelet->feature_gates.at("Foo"), "true");
  EXPECT_EQ(c.spec.cloud_labels.at("b"), "2");
  EXPECT_TRUE(c.spec.iam->allow_container_registry);
  EXPECT_EQ(groups[1].spec.root_volume_size, 64);
  EXPECT_EQ(c.spec.api->load_balancer->type, "Internal");
}

TEST(SetFieldsTest, Unsets) {
  api::Cluster c;
  c.spec.ssh_access = {"1.2.3.4/32"};
  c.spec.kubelet.emplace().anonymous_auth = false;
  std::vector<api::InstanceGroup> groups;
  ASSERT_TRUE(ApplySetsAndUnsets({}, {"cluster.spec.sshAccess", "cluster.spec.kubelet"}, c, groups).ok());
  EXPECT_TRUE(c.spec.ssh_access.empty());
  EXPECT_FALSE(c.spec.kubelet.has_value());
}

TEST(SetFieldsTest, ErrorsNameTheFieldAndWhatIsAccepted) {
  api::Cluster c;
  std::vector<api::InstanceGroup> groups;
  auto msg = [&](const std::string& set) {
    Status st = ApplySetsAndUnsets({set}, {}, c, groups);
    EXPECT_FALSE(st.ok()) << set;
    return st.message();
  };
  EXPECT_NE(msg("cluster.spec.nope=1").find("unknown field \"nope\""), std::string::npos);
  EXPECT_NE(msg("cluster.spec.nope=1").find("nodePortAccess"), std::string::npos);
  EXPECT_NE(msg("cluster.spec.kubelet.maxPods=many").find("expected an integer"), std::string::npos);
  EXPECT_NE(msg("cluster.spec.addons[3].manifest=x").find("out of range"), std::string::npos);
  EXPECT_NE(msg("cluster.spec.kubelet=x").find("object"), std::string::npos);
  EXPECT_NE(msg("nodePortAccess=x").find("must start with"), std::string::npos);
  EXPECT_NE(msg("cluster.spec.sshAccess").find("path=value"), std::string::npos);
  EXPECT_NE(msg("cluster.spec.addons[x].manifest=1").find("bad index"), std::string::npos);
}

TEST(CloudInferenceTest, GuessesFromZones) {
  EXPECT_EQ(GuessCloudForZone("us-east-1a"), "aws");
  EXPECT_EQ(GuessCloudForZone("us-test-1a"), "aws");
  EXPECT_EQ(GuessCloudForZone("cn-north-1b"), "aws");
  EXPECT_EQ(GuessCloudForZone("us-gov-west-1a"), "aws");
  EXPECT_EQ(GuessCloudForZone("us-west-2-lax-1a"), "aws");
  EXPECT_EQ(GuessCloudForZone("us-central1-a"), "gce");
  EXPECT_EQ(GuessCloudForZone("nyc1"), "digitalocean");
  EXPECT_EQ(GuessCloudForZone("zone-a"), "");
  EXPECT_EQ(GuessCloudForZone("us-iso-east-1a"), "aws");
  EXPECT_EQ(GuessCloudForZone("us-west-2"), "");
  EXPECT_EQ(GuessCloudForZone("us-west-a"), "");
  EXPECT_EQ(GuessCloudForZone("local-a"), "");
  EXPECT_EQ(GuessCloudForZone("us-west-2-lax-a"), "");
}

TEST(CloudInferenceTest, InfersOrExplains) {
  EXPECT_EQ(*InferCloud("", {"us-east-1a"}, "file:///x"), "aws");
  EXPECT_EQ(*InferCloud("local", {"a", "b"}, "file:///x"), "local");
  EXPECT_EQ(*InferCloud("", {"zone-a"}, "s3://bucket"), "aws");
  auto unknown = InferCloud("", {"zone-a"}, "file:///x");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("--cloud"), std::string::npos);
  auto gce = InferCloud("", {"us-central1-a"}, "");
  ASSERT_FALSE(gce.ok());
  EXPECT_NE(gce.status().message().find("not supported"), std::string::npos);
  EXPECT_FALSE(InferCloud("openstack", {"a"}, "").ok());
  EXPECT_NE(InferCloud("", {}, "").status().message().find("--zones or --cloud"), std::string::npos);
}

}  // namespace
}  // namespace kops::create
