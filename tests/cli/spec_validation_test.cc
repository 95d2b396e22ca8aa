// Every spec validation rule a user can hit through `kops create -f`: exit status 1, a
// message naming the field, the value and what is accepted, and an untouched store.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "api/codec.h"
#include "support/run_command.h"

namespace kops {
namespace {

namespace fs = std::filesystem;
using testing::KopsBinary;
using testing::RunCommand;

struct Mutation {
  std::string name;
  std::function<void(api::Cluster&, std::vector<api::InstanceGroup>&)> apply;
  std::vector<std::string> message_parts;
};

// gtest names the parameter in test listings: print the rule, not the object's bytes.
void PrintTo(const Mutation& m, std::ostream* os) { *os << m.name; }

api::InstanceGroup* Find(std::vector<api::InstanceGroup>& groups, const std::string& name) {
  for (auto& g : groups)
    if (g.name() == name) return &g;
  return nullptr;
}

class SpecValidationTest : public ::testing::TestWithParam<Mutation> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("kops-validate-e2e-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(reinterpret_cast<uintptr_t>(this)));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_P(SpecValidationTest, RejectedWithFieldValueAndNothingWritten) {
  std::string state = "file://" + (dir_ / "state").string();
  auto base = RunCommand({KopsBinary(), "create", "cluster", "--zones", "us-test-1a,us-test-1b,us-test-1c",
                          "--control-plane-zones", "us-test-1a,us-test-1b,us-test-1c", "--topology", "private",
                          "--networking", "calico", "--bastion", "v.example.com", "--dry-run", "-o", "yaml",
                          "--state", state});
  ASSERT_EQ(base.exit_code, 0) << base.err;
  auto objects = api::DecodeObjects(base.out, "dry-run");
  ASSERT_TRUE(objects.ok()) << objects.status().message();
  api::Cluster cluster = std::get<api::Cluster>((*objects)[0]);
  std::vector<api::InstanceGroup> groups;
  for (size_t i = 1; i < objects->size(); ++i) groups.push_back(std::get<api::InstanceGroup>((*objects)[i]));
  GetParam().apply(cluster, groups);
  std::vector<api::Object> out = {cluster};
  for (auto& g : groups) out.emplace_back(g);
  std::ofstream(dir_ / "spec.yaml") << api::ObjectsToYaml(out);

  auto r = RunCommand({KopsBinary(), "create", "-f", (dir_ / "spec.yaml").string(), "--state", state});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  for (const auto& part : GetParam().message_parts) EXPECT_NE(r.err.find(part), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "state" / "v.example.com")) << "the state store was written";
}

const Mutation kMutations[] = {
    {"EvenMembers",
     [](api::Cluster& c, auto&) {
       for (auto& e : c.spec.etcd_clusters) e.members.pop_back();
     },
     {"spec.etcdClusters[0].etcdMembers", "Should be an odd number of control-plane-zones for quorum"}},
    {"ControlPlaneNotInEtcd",
     [](api::Cluster& c, auto&) { c.spec.etcd_clusters[1].members.erase(c.spec.etcd_clusters[1].members.begin()); },
     {"control-plane-us-test-1a", "events"}},
    {"MemberWithoutGroup",
     [](api::Cluster& c, auto&) { c.spec.etcd_clusters[0].members[2].instance_group = "control-plane-nowhere"; },
     {"control-plane-nowhere"}},
    {"DuplicateMemberName",
     [](api::Cluster& c, auto&) { c.spec.etcd_clusters[0].members[1].name = "a"; },
     {"spec.etcdClusters[0].etcdMembers", "\"a\""}},
    {"ControlPlaneMaxSize",
     [](api::Cluster&, auto& g) { Find(g, "control-plane-us-test-1a")->spec.max_size = 2; },
     {"control-plane-us-test-1a", "maxSize"}},
    {"ControlPlaneTwoSubnets",
     [](api::Cluster&, auto& g) { Find(g, "control-plane-us-test-1a")->spec.subnets.push_back("us-test-1b"); },
     {"control-plane-us-test-1a", "subnets"}},
    {"SubnetOutsideNetwork",
     [](api::Cluster& c, auto&) { c.spec.subnets[0].cidr = "10.0.0.0/24"; },
     {"spec.subnets[0].cidr", "10.0.0.0/24", "172.20.0.0/16"}},
    {"SubnetsOverlap",
     [](api::Cluster& c, auto&) { c.spec.subnets[1].cidr = c.spec.subnets[0].cidr; },
     {"spec.subnets[1].cidr", "overlap"}},
    {"KubenetPrivate",
     [](api::Cluster& c, auto&) {
       c.spec.networking = api::NetworkingSpec{};
       c.spec.networking->kubenet = api::EmptyProviderSpec{};
     },
     {"Kubenet does not support private topology"}},
    {"BastionWithPublicTopology",
     [](api::Cluster& c, auto&) {
       std::vector<api::ClusterSubnetSpec> subnets;
       for (auto s : c.spec.subnets)
         if (s.type == "Private") {
           s.type = "Public";
           subnets.push_back(s);
         }
       c.spec.subnets = subnets;
       c.spec.topology->bastion.reset();
       c.spec.networking = api::NetworkingSpec{};
       c.spec.networking->cni = api::CNINetworkingSpec{};
     },
     {"Bastion", "private"}},
    {"BadSubnetType", [](api::Cluster& c, auto&) { c.spec.subnets[0].type = "Secret"; },
     {"spec.subnets[0].type", "Secret", "Public"}},
    {"BadRole", [](api::Cluster&, auto& g) { Find(g, "nodes-us-test-1a")->spec.role = "Worker"; },
     {"Worker", "Node"}},
    {"MinAboveMax",
     [](api::Cluster&, auto& g) {
       Find(g, "nodes-us-test-1a")->spec.min_size = 3;
       Find(g, "nodes-us-test-1a")->spec.max_size = 2;
     },
     {"maxSize", "minSize"}},
    {"UnknownSubnetInGroup",
     [](api::Cluster&, auto& g) { Find(g, "nodes-us-test-1a")->spec.subnets = {"us-test-1z"}; },
     {"us-test-1z"}},
    {"BadSshAccess", [](api::Cluster& c, auto&) { c.spec.ssh_access = {"everyone"}; },
     {"spec.sshAccess[0]", "everyone"}},
    {"BadLoadBalancerType",
     [](api::Cluster& c, auto&) { c.spec.api->load_balancer->type = "Sideways"; },
     {"spec.api.loadBalancer.type", "Sideways", "Internal"}},
    {"BadCloud", [](api::Cluster& c, auto&) { c.spec.cloud_provider = "mainframe"; },
     {"spec.cloudProvider", "mainframe", "aws"}},
};

INSTANTIATE_TEST_SUITE_P(Rules, SpecValidationTest, ::testing::ValuesIn(kMutations),
                         [](const ::testing::TestParamInfo<Mutation>& info) { return info.param.name; });

}  // namespace
}  // namespace kops
