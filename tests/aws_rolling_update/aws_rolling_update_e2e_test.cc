// `kops rolling-update cluster` and `kops validate cluster` on an `aws` cluster through the
// real binary, everything on loopback: the cluster is created with `kops create cluster`
// and `kops update cluster --target terraform` in a file:// store, plus its kubernetes-ca;
// a FakeAwsCloud served over HTTP (AWS_ENDPOINT_URL) runs one autoscaling
// group per instance group as kops names them, each with a launch template whose latest
// version is newer than its instances'; a FakeKubeApi served over HTTPS with a
// certificate from the cluster's kubernetes-ca mirrors the fake instances into Nodes and
// pods (etcd-manager pods on control planes, a DaemonSet and an application pod on
// nodes). The kubeconfig's context for the cluster names the server and its CA only, so
// the tool issues itself an admin certificate from the state store.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/codec.h"
#include "aws_rolling_update/fake_aws_server.h"
#include "aws_rolling_update/fake_kube_server.h"
#include "base/base64.h"
#include "base/clock.h"
#include "instance/apiserver_certs.h"
#include "store/file_vfs.h"
#include "store/keystore.h"
#include "support/run_command.h"

namespace kops {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::FakeAwsServer;
using testing::FakeKubeServer;
using testing::KopsBinary;
using testing::RunCommand;

constexpr char kCluster[] = "roll.example.com";
constexpr char kZones[] = "us-test-1a,us-test-1b,us-test-1c";
constexpr int kOldVersion = 1, kNewVersion = 2;

bool ControlPlane(const api::InstanceGroup& ig) {
  return ig.spec.role == "Master" || ig.spec.role == "ControlPlane";
}
// kops' autoscaling group (and launch template) name for an instance group.
std::string Asg(const api::InstanceGroup& ig) {
  return ControlPlane(ig) ? ig.name() + ".masters." + kCluster : ig.name() + "." + kCluster;
}
std::string NodeName(const std::string& instance_id) { return "node-" + instance_id; }

class AwsRollingUpdateE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kops-aws-roll-e2e-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_ = "file://" + (dir_ / "state").string();
    CreateCluster();
    if (HasFatalFailure()) return;
    BuildAwsWorld();
    StartServers();
    if (HasFatalFailure()) return;
    WriteKubeconfig("");
  }
  void TearDown() override {
    kube_server_.reset();
    aws_server_.reset();
    fs::remove_all(dir_);
  }

  // The binary with --state, AWS through the fake (credentials fake, no region: it comes
  // from the cluster's zones), the Kubernetes API through the kubeconfig. Offline (no
  // credentials, as the update tests render) for creating the cluster.
  CommandResult Kops(std::vector<std::string> args, bool offline = false) {
    args.insert(args.begin(), KopsBinary());
    args.push_back("--state");
    args.push_back(store_);
    std::string none = (dir_ / "none").string();
    std::map<std::string, std::string> env = {{"AWS_ACCESS_KEY_ID", "AKIDFAKE"},
                                              {"AWS_SECRET_ACCESS_KEY", "fake-secret"},
                                              {"AWS_SESSION_TOKEN", ""},
                                              {"AWS_REGION", ""},
                                              {"AWS_DEFAULT_REGION", ""},
                                              {"AWS_PROFILE", ""},
                                              {"AWS_SHARED_CREDENTIALS_FILE", none},
                                              {"AWS_CONFIG_FILE", none},
                                              {"HOME", dir_.string()},
                                              {"KUBECONFIG", (dir_ / "kubeconfig").string()},
                                              {"NO_PROXY", "127.0.0.1"},
                                              {"no_proxy", "127.0.0.1"}};
    if (offline) env["AWS_ACCESS_KEY_ID"] = env["AWS_SECRET_ACCESS_KEY"] = "";
    if (aws_server_) env["AWS_ENDPOINT_URL"] = aws_server_->Url();
    return RunCommand(args, env, "", 50);
  }

  void CreateCluster() {
    fs::path key = fs::path(KOPS_SOURCE_DIR) / "tests/fixtures/kops/update_cluster/ha/id_rsa.pub";
    CommandResult r = Kops({"create", "cluster", "--zones", kZones, "--control-plane-zones", kZones,
                            "--node-count", "2", "--ssh-public-key", key.string(), kCluster},
                           /*offline=*/true);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = Kops(
        {"update", "cluster", kCluster, "--target", "terraform", "--out", (dir_ / "tf").string()},
        /*offline=*/true);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = Kops({"get", "instancegroups", "--name", kCluster, "-o", "yaml"}, /*offline=*/true);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto objects = api::DecodeObjects(r.out, "get instancegroups");
    ASSERT_TRUE(objects.ok()) << objects.status().message();
    for (const api::Object& o : *objects)
      if (const auto* ig = std::get_if<api::InstanceGroup>(&o)) groups_.push_back(*ig);
    int control_planes = 0;
    for (const api::InstanceGroup& ig : groups_) control_planes += ControlPlane(ig);
    ASSERT_EQ(control_planes, 3);
    ASSERT_GT(groups_.size(), 3u);
  }

  // One autoscaling group per instance group at its minimum size, every instance on the
  // launch template's previous version; the control planes behind the API's target group.
  void BuildAwsWorld() {
    aws_.AddLoadBalancer("api-roll-example-com-abc123", "api-roll.elb.us-test-1.amazonaws.com");
    api_tg_ =
        aws_.AddTargetGroup("api-roll-example-com-abc123", "tcp-roll-example-com-abc123", 443);
    int n = 0;
    for (const api::InstanceGroup& ig : groups_) {
      int size = ig.spec.min_size.value_or(1);
      aws_.AddLaunchTemplate(Asg(ig), kNewVersion, kOldVersion);
      awsapi::FakeAwsCloud::GroupSpec g;
      g.name = Asg(ig);
      g.min_size = size;
      g.max_size = ig.spec.max_size.value_or(size);
      g.desired_capacity = size;
      g.launch_template_name = Asg(ig);
      g.availability_zones = ig.spec.subnets;
      g.tags = {{"KubernetesCluster", kCluster}, {"kops.k8s.io/instancegroup", ig.name()}};
      if (ControlPlane(ig)) g.target_group_arns = {api_tg_};
      aws_.AddGroup(g);
      for (int i = 0; i < size; ++i) {
        std::string id = "i-old" + std::to_string(++n);
        aws_.AddInstance(g.name, id,
                         ig.spec.subnets.at(static_cast<size_t>(i) % ig.spec.subnets.size()),
                         kOldVersion);
        old_.push_back(id);
      }
    }
  }

  // Nodes and pods follow the cloud before every API request: an in-service instance
  // registers its Node; a control plane runs the etcd-manager mirror pods (not Ready for
  // the instances in sick_), a node a DaemonSet pod and an application pod; the Node of
  // an instance gone from the cloud is deleted. Runs under the server's lock.
  void Sync(ops::FakeKubeApi& k) {
    for (const api::InstanceGroup& ig : groups_) {
      const bool cp = ControlPlane(ig);
      for (const std::string& id : aws_.GroupInstances(Asg(ig))) {
        if (aws_.LifecycleState(id) != "InService" || seen_.count(id)) continue;
        seen_.insert(id);
        const std::string node = NodeName(id);
        k.AddNode(node, ig.spec.subnets.at(0), id, cp);
        if (cp) {
          for (const char* etcd : {"main", "events"})
            k.AddPod({"kube-system", std::string("etcd-manager-") + etcd + "-" + node, node, false,
                      true, !sick_.count(id)});
        } else {
          k.AddPod({"kube-system", "kube-proxy-" + node, node, true, false});
          k.AddPod({"default", "web-" + node, node});
        }
      }
    }
    for (const std::string& id : seen_)
      if (k.HasNode(NodeName(id)) && aws_.LifecycleState(id).empty()) k.RemoveNode(NodeName(id));
  }

  void StartServers() {
    aws_server_ = std::make_unique<FakeAwsServer>(aws_, std::chrono::milliseconds(100));
    ASSERT_TRUE(aws_server_->ok());
    // The API server's certificate, from the cluster's own kubernetes-ca.
    std::unique_ptr<store::Vfs> vfs = store::NewFileVfs((dir_ / "state").string());
    store::Keystore keystore(*vfs, kCluster);
    // The cluster's kubernetes-ca, which the tool issues its admin certificate from. kops'
    // `update cluster` makes it; this project's terraform rendering does not write the
    // keystore (yet), so it is made here as the instances make it (idempotent).
    ASSERT_TRUE(keystore.EnsureCA().ok());
    auto cert = instance::IssueApiServerCert(keystore, "127.0.0.1", {});
    ASSERT_TRUE(cert.ok()) << cert.status().message();
    ca_pem_ = cert->ca_pem;
    auto client = instance::IssueApiClientTls(keystore, "e2e-kubeconfig-user");
    ASSERT_TRUE(client.ok()) << client.status().message();
    kubeconfig_client_ = *client;
    kube_.SetSync([this](ops::FakeKubeApi& k) { Sync(k); });
    kube_server_ =
        std::make_unique<FakeKubeServer>(kube_, dir_, cert->cert_pem, cert->key_pem, ca_pem_);
    ASSERT_TRUE(kube_server_->ok());
  }

  // The context named after the cluster: the fake API server and its CA; the user carries
  // client_cert (and key) when given, else nothing.
  void WriteKubeconfig(const std::string& client_cert, const std::string& client_key = "") {
    nlohmann::json user = nlohmann::json::object();
    if (!client_cert.empty()) {
      user["client-certificate-data"] = Base64Encode(client_cert);
      user["client-key-data"] = Base64Encode(client_key);
    }
    nlohmann::json config = {
        {"apiVersion", "v1"},
        {"kind", "Config"},
        {"current-context", kCluster},
        {"clusters",
         {{{"name", kCluster},
           {"cluster",
            {{"server", kube_server_->Url()},
             {"certificate-authority-data", Base64Encode(ca_pem_)}}}}}},
        {"users", {{{"name", kCluster}, {"user", user}}}},
        {"contexts",
         {{{"name", kCluster}, {"context", {{"cluster", kCluster}, {"user", kCluster}}}}}}};
    std::ofstream(dir_ / "kubeconfig") << config.dump(2);
  }

  // The table's row of group `name` (its first line starting with it), or "".
  static std::string Row(const std::string& table, const std::string& name) {
    std::istringstream in(table);
    for (std::string line; std::getline(in, line);)
      if (line.rfind(name + " ", 0) == 0) return line;
    return "";
  }

  fs::path dir_;
  std::string store_;
  std::vector<api::InstanceGroup> groups_;
  awsapi::FakeAwsCloud aws_;
  ops::FakeKubeApi kube_{RealClock::Instance()};
  std::unique_ptr<FakeAwsServer> aws_server_;
  std::unique_ptr<FakeKubeServer> kube_server_;
  std::string api_tg_, ca_pem_;
  TlsConfig kubeconfig_client_;
  std::vector<std::string> old_;
  std::set<std::string> seen_, sick_;  // guarded by the kube server's lock once it runs
};

TEST_F(AwsRollingUpdateE2eTest, RollsEveryGroupToTheNewLaunchTemplateVersionThenValidates) {
  // Without --yes: the table lists every group, those with instances as needing an update
  // (node-count 2 over three zones leaves nodes-us-test-1c empty); nothing moves.
  CommandResult dry = Kops({"rolling-update", "cluster", kCluster});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  int empty_groups = 0;
  for (const api::InstanceGroup& ig : groups_) {
    const bool empty = ig.spec.min_size.value_or(1) == 0;
    empty_groups += empty;
    std::string row = Row(dry.out, ig.name());
    EXPECT_NE(row.find(empty ? "  Ready  " : "  NeedsUpdate  1  "), std::string::npos)
        << ig.name() << " in\n"
        << dry.out;
  }
  EXPECT_LT(empty_groups, static_cast<int>(groups_.size()) - 3);  // some node group has instances
  for (const std::string& id : old_) EXPECT_NE(dry.out.find(id), std::string::npos) << id;
  EXPECT_NE(dry.out.find("Must specify --yes to rolling-update."), std::string::npos) << dry.out;
  EXPECT_EQ(aws_.CallCount("TerminateInstanceInAutoScalingGroup"), 0);

  auto began = std::chrono::steady_clock::now();
  CommandResult roll =
      Kops({"rolling-update", "cluster", kCluster, "--yes", "--control-plane-interval", "0s",
            "--node-interval", "0s", "--post-drain-delay", "0s", "--validate-count", "1",
            "--validation-timeout", "2m", "--validate-tick-duration", "200ms",
            "--validate-success-duration", "100ms"});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  ASSERT_EQ(roll.exit_code, 0) << roll.err;
  std::printf("rolling-update --yes of %zu instances in %zu groups: %.1fs\n", old_.size(),
              groups_.size(), seconds);

  // Every old instance is terminated; every group runs its size on the new version.
  for (const std::string& id : old_) EXPECT_EQ(aws_.Ec2State(id), "terminated") << id;
  EXPECT_EQ(aws_.CallCount("TerminateInstanceInAutoScalingGroup"), static_cast<int>(old_.size()));
  for (const api::InstanceGroup& ig : groups_) {
    std::vector<std::string> now = aws_.GroupInstances(Asg(ig));
    EXPECT_EQ(static_cast<int>(now.size()), ig.spec.min_size.value_or(1)) << ig.name();
    for (const std::string& id : now)
      EXPECT_EQ(aws_.InstanceLaunchTemplateVersion(id), kNewVersion) << id;
  }
  // Each control plane left the API target group before it was terminated.
  EXPECT_EQ(aws_.CallCount("DeregisterTargets"), 3);
  // AWS was called in the cluster's region; the API with an admin certificate the tool
  // issued from the state store's kubernetes-ca.
  EXPECT_EQ(aws_server_->SigningRegions(), std::set<std::string>{"us-test-1"});
  EXPECT_EQ(kube_server_->ClientNames(), std::set<std::string>{"kops-operator"});
  // Nodes were drained: application pods evicted, DaemonSet pods left.
  kube_server_->WithApi([&](ops::FakeKubeApi& k) {
    int evictions = 0;
    for (const std::string& line : k.log) {
      evictions += line.ends_with("/eviction");
      EXPECT_EQ(line.find("kube-proxy-"), std::string::npos) << line;
    }
    EXPECT_GT(evictions, 0);
    return 0;
  });
  // Progress on stderr.
  EXPECT_NE(roll.err.find("Using the Kubernetes API at kubeconfig"), std::string::npos) << roll.err;
  EXPECT_NE(roll.err.find("admin certificate from the state store's kubernetes-ca"),
            std::string::npos);
  EXPECT_NE(roll.err.find("Taking instance \"i-old1\" out of the API load balancer."),
            std::string::npos)
      << roll.err;
  EXPECT_NE(roll.err.find("Draining the node: \"node-i-old"), std::string::npos) << roll.err;
  EXPECT_NE(roll.err.find("Cluster validated."), std::string::npos) << roll.err;
  EXPECT_NE(roll.err.find("Completed rolling update for cluster instance groups"),
            std::string::npos)
      << roll.err;
  EXPECT_EQ(roll.out.find("rollingupdate]"), std::string::npos);  // progress is not output

  // Nothing is left to roll.
  CommandResult after = Kops({"rolling-update", "cluster", kCluster});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_NE(after.out.find("No rolling-update required."), std::string::npos) << after.out;

  // validate cluster, this time with the kubeconfig user's own client certificate.
  WriteKubeconfig(kubeconfig_client_.cert_pem, kubeconfig_client_.key_pem);
  CommandResult v = Kops({"validate", "cluster", kCluster, "-o", "json"});
  ASSERT_EQ(v.exit_code, 0) << v.err << v.out;
  nlohmann::json j = nlohmann::json::parse(v.out, nullptr, false);
  ASSERT_TRUE(j.is_object()) << v.out;
  EXPECT_FALSE(j.contains("failures")) << v.out;
  ASSERT_TRUE(j.contains("nodes"));
  EXPECT_EQ(j["nodes"].size(), old_.size());
  ASSERT_EQ(j["etcd"].size(), 6u);  // main and events, three members each
  for (const nlohmann::json& m : j["etcd"]) EXPECT_TRUE(m.value("healthy", false)) << m.dump();
  EXPECT_TRUE(kube_server_->ClientNames().count("e2e-kubeconfig-user"));
}

TEST_F(AwsRollingUpdateE2eTest, RefusesToRollControlPlanesWhenAnEtcdMemberIsNotReady) {
  // The etcd-manager pods of control-plane-us-test-1b's instance are not Ready.
  std::string sick;
  for (const api::InstanceGroup& ig : groups_)
    if (ig.name() == "control-plane-us-test-1b") sick = aws_.GroupInstances(Asg(ig)).at(0);
  ASSERT_FALSE(sick.empty());
  kube_server_->WithApi([&](ops::FakeKubeApi&) { return sick_.insert(sick).second; });

  CommandResult r =
      Kops({"rolling-update", "cluster", kCluster, "--yes", "--force", "--instance-group-roles",
            "control-plane", "--control-plane-interval", "0s", "--post-drain-delay", "0s",
            "--validate-count", "1", "--validation-timeout", "5s", "--validate-tick-duration",
            "200ms", "--validate-success-duration", "100ms"});
  EXPECT_NE(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("refusing to roll the control plane, nothing was terminated"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("quorum needs 2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("etcd-manager-main-" + NodeName(sick)), std::string::npos) << r.err;
  EXPECT_EQ(aws_.CallCount("TerminateInstanceInAutoScalingGroup"), 0);
  EXPECT_EQ(aws_.CallCount("DeregisterTargets"), 0);
  for (const std::string& id : old_) EXPECT_EQ(aws_.Ec2State(id), "running") << id;
}

}  // namespace
}  // namespace kops
