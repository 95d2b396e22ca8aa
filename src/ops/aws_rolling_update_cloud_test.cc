// `kops rolling-update cluster`'s algorithm driving AWS through AwsRollingUpdateCloud:
// a fake AWS (autoscaling, EC2, ELBv2) and a fake Kubernetes API whose nodes and pods
// follow the fake cloud's instances. Each sleep of the algorithm is one tick of AWS.
#include "ops/aws_rolling_update_cloud.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "api/codec.h"
#include "awsapi/fake_aws_cloud.h"
#include "base/fake_clock.h"
#include "ops/fake_kube_api.h"
#include "ops/rolling_update.h"

namespace kops::ops {
namespace {

using ::testing::HasSubstr;

constexpr char kCluster[] = "ha.example.com";
const std::vector<std::string> kZones = {"us-test-1a", "us-test-1b", "us-test-1c"};

// The fake clock's sleeps advance AWS by one tick each.
class TickingClock : public FakeClock {
 public:
  explicit TickingClock(awsapi::FakeAwsCloud& aws) : aws_(aws) {}
  void SleepFor(Duration d) override {
    FakeClock::SleepFor(d);
    aws_.Step();
  }

 private:
  awsapi::FakeAwsCloud& aws_;
};

std::string ControlPlaneGroup(const std::string& zone) { return "control-plane-" + zone; }
std::string Asg(const std::string& ig) {
  return ig.rfind("control-plane", 0) == 0 ? ig + ".masters." + kCluster : ig + "." + kCluster;
}

ClusterSpecs Specs() {
  std::string members;
  for (const std::string& z : kZones)
    members += "    - name: " + z.substr(z.size() - 1) + "\n      instanceGroup: " + ControlPlaneGroup(z) + "\n";
  std::string subnets;
  for (const std::string& z : kZones) subnets += "  - name: " + z + "\n    zone: " + z + "\n    type: Public\n";
  auto cluster = api::DecodeCluster(std::string("apiVersion: kops.k8s.io/v1alpha2\nkind: Cluster\nmetadata:\n  name: ") +
                                        kCluster + "\nspec:\n  cloudProvider: aws\n  subnets:\n" + subnets +
                                        "  etcdClusters:\n  - name: main\n    etcdMembers:\n" + members +
                                        "  - name: events\n    etcdMembers:\n" + members,
                                    "cluster.yaml");
  EXPECT_TRUE(cluster.ok()) << cluster.status().message();
  ClusterSpecs specs{*cluster, {}};
  auto group = [&](const std::string& name, const std::string& role, const std::string& zone, int size) {
    auto ig = api::DecodeInstanceGroup("apiVersion: kops.k8s.io/v1alpha2\nkind: InstanceGroup\nmetadata:\n  name: " +
                                           name + "\nspec:\n  role: " + role + "\n  machineType: t3.medium\n  minSize: " +
                                           std::to_string(size) + "\n  maxSize: " + std::to_string(size) +
                                           "\n  subnets:\n  - " + zone + "\n",
                                       name + ".yaml");
    EXPECT_TRUE(ig.ok()) << ig.status().message();
    specs.groups.push_back(*ig);
  };
  for (const std::string& z : kZones) group(ControlPlaneGroup(z), "Master", z, 1);
  group("nodes-us-test-1a", "Node", "us-test-1a", 2);
  return specs;
}

class AwsRollingUpdateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    lb_ = aws_.AddLoadBalancer("api-ha-example-com-abc123", "api-ha.elb.us-test-1.amazonaws.com");
    tcp_ = aws_.AddTargetGroup("api-ha-example-com-abc123", "tcp-ha-example-com-abc123", 443);
    int n = 0;
    for (const api::InstanceGroup& ig : specs_.groups) {
      const std::string zone = ig.spec.subnets[0];
      const bool cp = ig.spec.role == "Master";
      aws_.AddLaunchTemplate(Asg(ig.name()), /*latest=*/2, /*default=*/1);
      awsapi::FakeAwsCloud::GroupSpec g;
      g.name = Asg(ig.name());
      g.min_size = g.max_size = g.desired_capacity = *ig.spec.min_size;
      g.launch_template_name = Asg(ig.name());
      g.availability_zones = {zone};
      g.tags = {{"KubernetesCluster", kCluster}, {"kops.k8s.io/instancegroup", ig.name()}};
      if (cp) g.target_group_arns = {tcp_};
      aws_.AddGroup(g);
      for (int i = 0; i < *ig.spec.min_size; ++i) {
        std::string id = "i-old" + std::to_string(++n);
        aws_.AddInstance(g.name, id, zone, /*launch template version=*/1);
        zone_of_[id] = zone;
        old_.push_back(id);
      }
    }
    // Nodes and pods follow the cloud: an in-service instance registers a Node (named
    // after its id); a control plane runs the etcd-manager mirror pods, a node runs a
    // DaemonSet pod and an application pod; a Node whose instance is gone is deleted.
    kube_.SetSync([this](FakeKubeApi& k) {
      for (const api::InstanceGroup& ig : specs_.groups) {
        const bool cp = ig.spec.role == "Master";
        for (const std::string& id : aws_.GroupInstances(Asg(ig.name()))) {
          if (aws_.LifecycleState(id) != "InService" || k.HasNode(id) || seen_.count(id)) continue;
          seen_.insert(id);
          std::string zone = ig.spec.subnets[0];
          k.AddNode(id, zone, id, cp);
          if (cp) {
            for (const char* etcd : {"main", "events"})
              k.AddPod({"kube-system", std::string("etcd-manager-") + etcd + "-" + id, id, false, true, !sick_.count(id)});
          } else {
            k.AddPod({"kube-system", "kube-proxy-" + id, id, true, false});
            k.AddPod({"default", "web-" + id, id});
          }
        }
      }
      for (const std::string& id : seen_)
        if (k.HasNode(id) && aws_.LifecycleState(id).empty()) k.RemoveNode(id);
    });
    options_.validate_count = 1;
    options_.post_drain_delay = {};
  }

  Status Run() {
    AwsRollingUpdateCloud cloud(specs_, {&autoscaling_, &ec2_, &elbv2_, &api_}, clock_);
    return RunRollingUpdate(cloud, options_, clock_, log_);
  }

  awsapi::FakeAwsCloud aws_;
  TickingClock clock_{aws_};
  FakeKubeApi kube_{clock_};
  awsapi::AutoScalingClient autoscaling_{aws_.http(), awsapi::FakeAwsCloud::Config(), clock_};
  awsapi::Ec2Client ec2_{aws_.http(), awsapi::FakeAwsCloud::Config(), clock_};
  awsapi::Elbv2Client elbv2_{aws_.http(), awsapi::FakeAwsCloud::Config(), clock_};
  ApiClient api_{kube_.http(), FakeKubeApi::kEndpoint, TlsConfig{}};
  ClusterSpecs specs_ = Specs();
  RollingUpdateOptions options_;
  std::ostringstream log_;
  std::string lb_, tcp_;
  std::map<std::string, std::string> zone_of_;
  std::vector<std::string> old_;
  std::set<std::string> seen_, sick_;
};

TEST_F(AwsRollingUpdateTest, GroupsMarkInstancesOfAnOlderTemplateVersionAndNameTheirNodes) {
  AwsRollingUpdateCloud cloud(specs_, {&autoscaling_, &ec2_, &elbv2_, &api_}, clock_);
  auto groups = cloud.Groups();
  ASSERT_TRUE(groups.ok()) << groups.status().message();
  ASSERT_EQ(groups->size(), 4u);
  EXPECT_EQ((*groups)[0].name, "control-plane-us-test-1a");
  EXPECT_EQ((*groups)[0].role, "ControlPlane");
  EXPECT_EQ((*groups)[3].role, "Node");
  ASSERT_EQ((*groups)[3].instances.size(), 2u);
  const RollInstance& i = (*groups)[3].instances[0];
  EXPECT_EQ(i.node, i.id);  // the Node whose providerID names it
  EXPECT_TRUE(i.running);
  EXPECT_EQ(i.need_update, "launch template version differs from the group's");

  // Publishing nothing new ($Latest = 1): nothing needs updating.
  for (const api::InstanceGroup& ig : specs_.groups) aws_.SetLaunchTemplateVersions(Asg(ig.name()), 1, 1);
  auto same = cloud.Groups();
  ASSERT_TRUE(same.ok());
  for (const RollGroup& g : *same)
    for (const RollInstance& x : g.instances) EXPECT_EQ(x.need_update, "") << x.id;
}

TEST_F(AwsRollingUpdateTest, RollsEveryInstanceControlPlanesOneAtATimeOutOfTheLoadBalancerFirst) {
  Status st = Run();
  ASSERT_TRUE(st.ok()) << st.message() << "\n" << log_.str();
  // Every old instance is gone and each group runs instances of the latest version.
  for (const std::string& id : old_) EXPECT_EQ(aws_.Ec2State(id), "terminated") << id;
  for (const api::InstanceGroup& ig : specs_.groups) {
    std::vector<std::string> now = aws_.GroupInstances(Asg(ig.name()));
    ASSERT_EQ(static_cast<int>(now.size()), *ig.spec.min_size) << ig.name();
    for (const std::string& id : now) EXPECT_EQ(aws_.InstanceLaunchTemplateVersion(id), 2) << id;
  }
  // Control planes: each deregistered from the API target group before it is terminated,
  // one termination at a time (three deregistrations, three terminations, interleaved).
  std::vector<std::string> lb_and_terminate;
  for (const std::string& c : aws_.calls())
    if (c == "DeregisterTargets" || c == "TerminateInstanceInAutoScalingGroup") lb_and_terminate.push_back(c);
  ASSERT_GE(lb_and_terminate.size(), 6u);
  for (int k = 0; k < 3; ++k) {
    EXPECT_EQ(lb_and_terminate[2 * k], "DeregisterTargets");
    EXPECT_EQ(lb_and_terminate[2 * k + 1], "TerminateInstanceInAutoScalingGroup");
  }
  EXPECT_EQ(aws_.CallCount("TerminateInstanceInAutoScalingGroup"), 5);
  // Nodes were cordoned and drained: the application pods were evicted, the DaemonSet
  // pods were not.
  for (const std::string& id : {std::string("i-old4"), std::string("i-old5")}) {
    EXPECT_NE(std::find(kube_.log.begin(), kube_.log.end(), "PATCH /api/v1/nodes/" + id), kube_.log.end()) << id;
    EXPECT_NE(std::find(kube_.log.begin(), kube_.log.end(), "POST /api/v1/namespaces/default/pods/web-" + id + "/eviction"),
              kube_.log.end())
        << id;
    EXPECT_EQ(std::find(kube_.log.begin(), kube_.log.end(),
                        "POST /api/v1/namespaces/kube-system/pods/kube-proxy-" + id + "/eviction"),
              kube_.log.end());
    // Deleted from kubernetes before its instance went (kops' order).
    EXPECT_NE(std::find(kube_.log.begin(), kube_.log.end(), "DELETE /api/v1/nodes/" + id), kube_.log.end()) << id;
    EXPECT_FALSE(kube_.HasNode(id));
  }
  EXPECT_THAT(log_.str(), HasSubstr("Taking instance \"i-old1\" out of the API load balancer."));
  EXPECT_THAT(log_.str(), HasSubstr("Waiting for the replacement of group \"control-plane-us-test-1a\""));
  // Each replacement is serving in the API target group.
  for (const std::string& z : kZones)
    for (const std::string& id : aws_.GroupInstances(Asg(ControlPlaneGroup(z))))
      EXPECT_EQ(aws_.TargetState(tcp_, id), "healthy") << id;
}

TEST_F(AwsRollingUpdateTest, RefusesToRollWhenAnEtcdMemberIsAlreadyUnhealthyAndTerminatesNothing) {
  sick_.insert("i-old2");  // etcd-manager pods of control-plane-us-test-1b not ready
  options_.roles = {"control-plane"};
  Status st = Run();
  ASSERT_EQ(st.code(), Code::kFailedPrecondition) << st.message();
  EXPECT_THAT(st.message(), HasSubstr("nothing was terminated"));
  EXPECT_THAT(st.message(), HasSubstr("quorum needs 2"));
  EXPECT_EQ(aws_.CallCount("TerminateInstanceInAutoScalingGroup"), 0);
  EXPECT_EQ(aws_.CallCount("DeregisterTargets"), 0);
}

TEST_F(AwsRollingUpdateTest, CloudOnlyNeedsNoKubernetesApi) {
  options_.cloud_only = true;
  options_.instance_groups = {"nodes-us-test-1a"};
  AwsRollingUpdateCloud cloud(specs_, {&autoscaling_, &ec2_, &elbv2_, nullptr}, clock_);
  Status st = RunRollingUpdate(cloud, options_, clock_, log_);
  ASSERT_TRUE(st.ok()) << st.message() << "\n" << log_.str();
  EXPECT_EQ(aws_.CallCount("TerminateInstanceInAutoScalingGroup"), 2);
  EXPECT_TRUE(kube_.log.empty());
}

TEST_F(AwsRollingUpdateTest, SurgeRaisesTheGroupsDesiredCapacityThenRestoresIt) {
  specs_.cluster.spec.rolling_update = api::RollingUpdateSpec{};
  specs_.cluster.spec.rolling_update->max_surge = api::IntOrString::Int(1);
  options_.instance_groups = {"nodes-us-test-1a"};
  Status st = Run();
  ASSERT_TRUE(st.ok()) << st.message() << "\n" << log_.str();
  // The group's maximum (2) was raised for the surge and is back afterwards.
  EXPECT_EQ(aws_.CallCount("UpdateAutoScalingGroup"), 2);
  EXPECT_EQ(aws_.DesiredCapacity(Asg("nodes-us-test-1a")), 2);
  EXPECT_EQ(aws_.MaxSize(Asg("nodes-us-test-1a")), 2);
  for (const std::string& id : aws_.GroupInstances(Asg("nodes-us-test-1a")))
    EXPECT_EQ(aws_.InstanceLaunchTemplateVersion(id), 2) << id;
}

TEST_F(AwsRollingUpdateTest, ValidationCountsEtcdHealthThroughPods) {
  AwsRollingUpdateCloud cloud(specs_, {&autoscaling_, &ec2_, &elbv2_, &api_}, clock_);
  auto v = cloud.Validate();
  ASSERT_TRUE(v.ok()) << v.status().message();
  EXPECT_TRUE(v->healthy()) << (v->failures.empty() ? "" : v->failures[0].message);
  kube_.SetPodReady("kube-system", "etcd-manager-main-i-old1", false);
  kube_.SetPodReady("kube-system", "etcd-manager-main-i-old2", false);
  auto lost = cloud.Validate();
  ASSERT_TRUE(lost.ok());
  bool quorum_failure = false;
  for (const auto& f : lost->failures)
    quorum_failure |= f.kind == "EtcdCluster" && f.message.find("1 of 3 members healthy; quorum needs 2") != std::string::npos;
  EXPECT_TRUE(quorum_failure);
}

}  // namespace
}  // namespace kops::ops
