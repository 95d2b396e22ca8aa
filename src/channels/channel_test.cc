#include "channels/channel.h"

#include <gtest/gtest.h>

#include "channels/embedded_channel.h"
#include "channels/instance_types.h"

namespace kops::channels {
namespace {

Version V(const char* s) { return Version::ParseKubernetes(s).value(); }

TEST(ChannelTest, StableIsEmbeddedAndParsed) {
  const Channel& ch = Channel::Stable();
  EXPECT_GT(ch.images().size(), 20u);
  EXPECT_FALSE(ch.kubernetes_versions().empty());
  EXPECT_EQ(ch.RecommendedKubernetesVersion("1.35.0"), "1.35.7");
  EXPECT_EQ(ch.RecommendedKubernetesVersion("1.32.1"), "1.32.13");
}

TEST(ChannelTest, FindsImagesByCloudVersionAndArchitecture) {
  const Channel& ch = Channel::Stable();
  EXPECT_EQ(*ch.FindImage("aws", V("v1.32.0"), "amd64"),
            "099720109477/ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20260714");
  EXPECT_EQ(*ch.FindImage("aws", V("v1.32.0"), "arm64"),
            "099720109477/ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-20260714");
  EXPECT_EQ(*ch.FindImage("aws", V("1.30.2"), "amd64"),
            "099720109477/ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20260714");
  EXPECT_EQ(*ch.FindImage("gce", V("1.33.0"), "amd64"),
            "ubuntu-os-cloud/ubuntu-2404-noble-amd64-v20260615");
  EXPECT_EQ(*ch.FindImage("local", V("1.33.0"), "amd64"), kLocalImage);
  auto none = ch.FindImage("gce", V("1.30.0"), "arm64");
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("arm64"), std::string::npos);
}

TEST(ChannelTest, ParseErrorsNameTheSource) {
  auto bad = Channel::Parse("spec: [", "my-channel");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("my-channel"), std::string::npos);
  EXPECT_FALSE(Channel::Parse("foo: 1", "x").ok());
}

TEST(InstanceTypesTest, CatalogueAnswersForCommonTypes) {
  auto m3 = FindMachineType("m3.medium");
  ASSERT_TRUE(m3.has_value());
  EXPECT_EQ(m3->vcpus, 1);
  EXPECT_EQ(m3->memory_mib, 3840);
  ASSERT_EQ(m3->ephemeral_devices.size(), 1u);
  EXPECT_EQ(m3->ephemeral_devices[0].device_name, "/dev/sdc");
  EXPECT_EQ(m3->ephemeral_devices[0].virtual_name, "ephemeral0");
  for (const char* name : {"t2.micro", "t2.medium", "t3.micro", "t3.medium", "c5.large",
                           "m5.large", "m6g.xlarge", "r5.xlarge", "t4g.small", "local.small"})
    EXPECT_TRUE(FindMachineType(name).has_value()) << name;
  EXPECT_EQ(FindMachineType("t3.medium")->memory_mib, 4096);
  EXPECT_TRUE(FindMachineType("t3.medium")->ephemeral_devices.empty());
  EXPECT_FALSE(FindMachineType("z9.huge").has_value());
}

TEST(InstanceTypesTest, Architectures) {
  EXPECT_EQ(MachineArchitecture("m6g.xlarge"), kArchArm64);
  EXPECT_EQ(MachineArchitecture("c7g.large"), kArchArm64);
  EXPECT_EQ(MachineArchitecture("t4g.micro"), kArchArm64);
  EXPECT_EQ(MachineArchitecture("c7gn.large"), kArchArm64);  // not catalogued: by family
  EXPECT_EQ(MachineArchitecture("m5.large"), kArchAmd64);
  EXPECT_EQ(MachineArchitecture("g4dn.xlarge"), kArchAmd64);
  EXPECT_EQ(MachineArchitecture(""), kArchAmd64);
}

TEST(InstanceTypesTest, RoleDefaults) {
  EXPECT_EQ(*DefaultMachineType("aws", MachineRole::kControlPlane), "t3.medium");
  EXPECT_EQ(*DefaultMachineType("aws", MachineRole::kNode), "t3.medium");
  EXPECT_EQ(*DefaultMachineType("aws", MachineRole::kBastion), "t3.micro");
  EXPECT_EQ(*DefaultMachineType("local", MachineRole::kControlPlane), "local.medium");
  EXPECT_EQ(*DefaultMachineType("local", MachineRole::kNode), "local.small");
  EXPECT_FALSE(DefaultMachineType("openstack", MachineRole::kNode).ok());
}

}  // namespace
}  // namespace kops::channels

namespace kops::channels {
namespace {

TEST(ChannelEmbeddingTest, BuildTimeJsonMatchesTheShippedYaml) {
  auto from_yaml = Channel::Parse(EmbeddedStableChannelText(), "stable");
  ASSERT_TRUE(from_yaml.ok()) << from_yaml.status().message();
  const Channel& stable = Channel::Stable();
  for (const char* version : {"1.28.0", "1.32.0", "1.35.7"})
    for (const char* arch : {"amd64", "arm64"}) {
      auto v = Version::ParseKubernetes(version);
      ASSERT_TRUE(v.ok());
      auto a = from_yaml->FindImage("aws", *v, arch);
      auto b = stable.FindImage("aws", *v, arch);
      ASSERT_EQ(a.ok(), b.ok());
      if (a.ok()) {
        EXPECT_EQ(*a, *b);
      }
    }
}

}  // namespace
}  // namespace kops::channels
