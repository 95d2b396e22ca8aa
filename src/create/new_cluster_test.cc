// NewCluster end to end: kops' fixtures, the HA examples of kops' docs, the local cloud
// and every create-time error.
#include "create/new_cluster.h"

#include <gtest/gtest.h>

#include <map>

#include "api/codec.h"
#include "base/file_util.h"

namespace kops::create {
namespace {

using Strings = std::vector<std::string>;

CreateClusterOptions Aws(const std::string& name, Strings zones) {
  CreateClusterOptions o;
  o.cluster_name = name;
  o.state_store = "memfs://tests";
  o.creation_timestamp = "2017-01-01T00:00:00Z";
  o.cloud_provider = "aws";
  o.zones = std::move(zones);
  o.networking = "cni";
  o.kubernetes_version = "v1.32.0";
  o.control_plane_sizes = {"m3.medium"};
  o.node_sizes = {"t2.medium"};
  return o;
}

NewClusterResult Make(const CreateClusterOptions& o) {
  auto r = NewCluster(o);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : NewClusterResult{};
}

std::string Error(const CreateClusterOptions& o) {
  auto r = NewCluster(o);
  EXPECT_FALSE(r.ok());
  return r.ok() ? "" : r.status().message();
}

Strings Names(const NewClusterResult& r) {
  Strings out;
  for (const auto& g : r.instance_groups) out.push_back(g.name());
  return out;
}

void ExpectFixture(const std::string& fixture, const NewClusterResult& r) {
  auto text = ReadFile(std::string(KOPS_SOURCE_DIR) + "/tests/fixtures/kops/create_cluster/" +
                       fixture + "/expected-v1alpha2.yaml");
  ASSERT_TRUE(text.ok());
  auto want = api::DecodeObjects(*text, fixture);
  ASSERT_TRUE(want.ok()) << want.status().message();
  std::vector<api::Object> got{r.cluster};
  for (const auto& g : r.instance_groups) got.emplace_back(g);
  ASSERT_EQ(want->size(), got.size());
  std::map<std::string, std::string> by_name;  // the fixture lists objects sorted by name
  for (const auto& w : *want) by_name[api::ObjectName(w)] = api::ToJson(w).dump(1);
  for (const auto& g : got)
    EXPECT_EQ(by_name[api::ObjectName(g)], api::ToJson(g).dump(1)) << fixture;
}

TEST(NewClusterTest, MatchesKopsFixtures) {
  ExpectFixture("minimal-1.32", Make(Aws("minimal.example.com", {"us-test-1a"})));
  auto ha = Aws("ha.example.com", {"us-test-1a", "us-test-1b", "us-test-1c"});
  ha.control_plane_zones = ha.zones;
  ExpectFixture("ha", Make(ha));
  auto shared = Aws("ha.example.com", {"us-test-1a"});
  shared.control_plane_count = 3;
  ExpectFixture("ha_shared_zone", Make(shared));
  auto priv = Aws("private.example.com", {"us-test-1a"});
  priv.topology = "private";
  priv.bastion = true;
  priv.node_security_groups = {"sg-exampleid", "sg-exampleid2"};
  priv.control_plane_security_groups = {"sg-exampleid3", "sg-exampleid4"};
  priv.cloud_labels = "Owner=John Doe,dn=\"cn=John Doe: dc=example dc=com\", foo/bar=fib+baz";
  auto p = Make(priv);
  p.instance_groups.back().spec.machine_type = "t2.micro";  // the fixture's mock-cloud default
  ExpectFixture("private", p);
  auto complex = Aws("complex.example.com", {"us-test-1a", "us-test-1b", "us-test-1c"});
  complex.network_cidrs = {"10.0.0.0/16", "10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16", "10.4.0.0/16"};
  complex.control_plane_count = 3;
  complex.node_count = 10;
  complex.ssh_access = {"1.2.3.4/32"};
  complex.sets = {"cluster.spec.addons[0].manifest=https://example.com/addon.yaml"};
  ExpectFixture("complex", Make(complex));
}

TEST(NewClusterTest, DocsHaExampleMasterZones) {
  // kops create cluster --node-count 3 --zones us-west-2a,us-west-2b,us-west-2c
  //   --master-zones us-west-2a,us-west-2b,us-west-2c --node-size t3.medium --master-size t3.medium
  auto o = Aws("example.k8s.local", {"us-west-2a", "us-west-2b", "us-west-2c"});
  o.cloud_provider = "";
  o.control_plane_zones = o.zones;
  o.node_count = 3;
  auto r = Make(o);
  EXPECT_EQ(r.cluster.spec.cloud_provider, "aws");
  EXPECT_EQ(Names(r), (Strings{"control-plane-us-west-2a", "control-plane-us-west-2b",
                               "control-plane-us-west-2c", "nodes-us-west-2a", "nodes-us-west-2b",
                               "nodes-us-west-2c"}));
  EXPECT_EQ(r.cluster.spec.etcd_clusters[0].members[2].name, "c");
  EXPECT_TRUE(r.warnings.empty());
}

TEST(NewClusterTest, DocsHaExamplePrivateCalico) {
  auto o = Aws("example.k8s.local", {"us-west-2a", "us-west-2b", "us-west-2c"});
  o.control_plane_zones = o.zones;
  o.networking = "calico";
  o.topology = "private";
  auto r = Make(o);
  ASSERT_TRUE(r.cluster.spec.networking->calico.has_value());
  EXPECT_EQ(r.cluster.spec.api->load_balancer->type, "Public");
  EXPECT_EQ(r.cluster.spec.subnets.size(), 6u);
  EXPECT_EQ(r.cluster.spec.subnets[3].name, "utility-us-west-2a");
  EXPECT_EQ(r.cluster.spec.subnets[3].cidr, "172.20.0.0/21");
  EXPECT_EQ(r.cluster.spec.subnets[0].cidr, "172.20.64.0/18");
}

TEST(NewClusterTest, DocsHaExampleThreeMastersOverTwoZones) {
  auto o = Aws("example.k8s.local", {"cn-north-1a", "cn-north-1b"});
  o.cloud_provider = "";
  o.control_plane_count = 3;
  auto r = Make(o);
  EXPECT_EQ(r.cluster.spec.cloud_provider, "aws");
  EXPECT_EQ(Names(r)[0], "control-plane-cn-north-1a-1");
  EXPECT_EQ(Names(r)[2], "control-plane-cn-north-1a-2");
  Strings members;
  for (const auto& m : r.cluster.spec.etcd_clusters[0].members) members.push_back(m.name);
  EXPECT_EQ(members, (Strings{"a-1", "b-1", "a-2"}));
  // kops' warning only: the quorum verdict is the HA report's (ops/ha_report_test.cc).
  EXPECT_EQ(r.warnings, (Strings{"Running with control-plane nodes in the same AZs; redundancy will be reduced"}));
}

TEST(NewClusterTest, LocalCloudAndDefaults) {
  CreateClusterOptions o;
  o.cluster_name = "dev.local";
  o.state_store = "file:///tmp/store";
  o.cloud_provider = "local";
  o.zones = {"zone-a", "zone-b", "zone-c"};
  o.control_plane_zones = o.zones;
  o.kubernetes_version = "1.33.0";
  auto r = Make(o);
  EXPECT_EQ(r.cluster.spec.cloud_provider, "local");
  EXPECT_EQ(r.cluster.spec.config_base, "file:///tmp/store/dev.local");
  EXPECT_TRUE(r.cluster.spec.networking->cilium.has_value());
  EXPECT_EQ(r.instance_groups[0].spec.machine_type, "local.medium");
  EXPECT_EQ(r.instance_groups[3].spec.machine_type, "local.small");
  EXPECT_EQ(r.instance_groups[0].spec.image, "local/host");
  EXPECT_FALSE(r.cluster.spec.etcd_clusters[0].members[0].encrypted_volume.has_value());
  EXPECT_FALSE(r.cluster.metadata.creation_timestamp.empty());
}

TEST(NewClusterTest, DefaultsFromChannelAndCatalogue) {
  auto o = Aws("d.example.com", {"us-east-1a"});
  o.kubernetes_version = "";
  o.control_plane_sizes = {};
  o.node_sizes = {"m6g.large"};
  o.topology = "private";
  o.bastion = true;
  o.dns_type = "public";
  o.discovery_store = "s3://disco/";
  o.kubernetes_feature_gates = {"Foo", "-Bar"};
  auto r = Make(o);
  EXPECT_EQ(r.cluster.spec.kubernetes_version, "1.35.7");
  EXPECT_EQ(r.instance_groups[0].spec.machine_type, "t3.medium");
  EXPECT_NE(r.instance_groups[1].spec.image.find("arm64"), std::string::npos);
  EXPECT_EQ(r.instance_groups[2].spec.machine_type, "t3.micro");
  EXPECT_EQ(r.cluster.spec.topology->bastion->public_name, "bastion.d.example.com");
  EXPECT_EQ(r.cluster.spec.master_public_name, "api.d.example.com");
  EXPECT_EQ(r.cluster.spec.service_account_issuer_discovery->discovery_store,
            "s3://disco/d.example.com");
  EXPECT_EQ(r.cluster.spec.kube_api_server->feature_gates.at("Bar"), "false");
  EXPECT_EQ(r.cluster.spec.kubelet->feature_gates.at("Foo"), "true");
}

TEST(NewClusterTest, CreateTimeErrors) {
  auto base = Aws("e.example.com", {"us-east-1a", "us-east-1b", "us-east-1c"});
  auto with = [&](auto change) {
    auto o = base;
    change(o);
    return Error(o);
  };
  auto has = [](const std::string& msg, const std::string& part) {
    EXPECT_NE(msg.find(part), std::string::npos) << msg;
  };
  has(with([](auto& o) { o.cluster_name = ""; }), "name is required");
  has(with([](auto& o) { o.zones = {}; }), "--zones");
  has(with([](auto& o) { o.networking = "kubenet"; o.topology = "private"; }),
      "invalid networking option kubenet. Kubenet does not support private topology");
  has(with([](auto& o) { o.bastion = true; }), "bastion supports --topology='private' only");
  has(with([](auto& o) { o.topology = "hybrid"; }), "--topology \"hybrid\"");
  has(with([](auto& o) { o.networking = "foo"; }), "--networking \"foo\"");
  has(with([](auto& o) { o.dns_type = "magic"; }), "--dns \"magic\"");
  has(with([](auto& o) { o.control_plane_zones = o.zones; o.control_plane_count = 2; }),
      "specified 3 control-plane zones, but also requested 2");
  has(with([](auto& o) { o.control_plane_count = 2; }), "odd number");
  has(with([](auto& o) { o.kubernetes_version = "latest"; }), "--kubernetes-version \"latest\"");
  has(with([](auto& o) { o.cloud_provider = "gce"; }), "not supported");
  has(with([](auto& o) { o.subnet_ids = {"subnet-1"}; }), "--subnets");
  has(with([](auto& o) { o.network_id = "vpc-1"; }), "AWS");
  has(with([](auto& o) { o.network_cidrs = {"10.0.0.0/33"}; }), "--network-cidr \"10.0.0.0/33\"");
  has(with([](auto& o) { o.admin_access = {"me"}; }), "--admin-access \"me\"");
  has(with([](auto& o) { o.instance_manager = "asg"; }), "--instance-manager \"asg\"");
  has(with([](auto& o) { o.instance_manager = "karpenter"; }), "--discovery-store");
  has(with([](auto& o) { o.api_load_balancer_type = "private"; }), "--api-loadbalancer-type");
  has(with([](auto& o) { o.api_load_balancer_class = "alb"; }), "--api-loadbalancer-class");
  has(with([](auto& o) { o.authorization = "ABAC"; }), "--authorization");
  has(with([](auto& o) { o.cloud_labels = "novalue"; }), "--cloud-labels");
  has(with([](auto& o) { o.sets = {"cluster.spec.bogus=1"}; }), "bogus");
  has(with([](auto& o) { o.node_count = -1; }), "--node-count");
  has(with([](auto& o) { o.channel = "alpha"; }), "--channel");
  has(with([](auto& o) { o.node_tenancy = "shared"; }), "--node-tenancy");
  has(with([](auto& o) { o.cloud_provider = "local"; o.network_id = "vpc-1"; }), "local cloud");
  has(with([](auto& o) { o.zones = {"a", "b", "c", "d", "e", "f", "g", "h"}; o.cloud_provider = "local";
                         o.topology = "private"; }), "insufficient CIDRs");
}

}  // namespace
}  // namespace kops::create
