#include "ops/kube_etcd_pods.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/fake_http.h"
#include "ops/ha_test_specs.h"
#include "ops/rolling_update_roller.h"

namespace kops::ops {
namespace {

using nlohmann::json;

constexpr const char* kEndpoint = "https://api.example.test:443";

// Three control-plane groups in three zones, each instance running members of main and events.
testing::HaSpec Spec() {
  testing::HaSpec s({"us-test-1a", "us-test-1b", "us-test-1c"});
  s.ControlPlane("control-plane-us-test-1a", "us-test-1a", "a")
      .ControlPlane("control-plane-us-test-1b", "us-test-1b", "b")
      .ControlPlane("control-plane-us-test-1c", "us-test-1c", "c");
  return s;
}

std::vector<ControlPlaneInstance> Running() {
  return {{"control-plane-us-test-1a", "i-0aaa", "us-test-1a"},
          {"control-plane-us-test-1b", "i-0bbb", "us-test-1b"},
          {"control-plane-us-test-1c", "i-0ccc", "us-test-1c"}};
}

json Node(const std::string& name, const std::string& zone, const std::string& id) {
  return {{"metadata", {{"name", name}}}, {"spec", {{"providerID", "aws:///" + zone + "/" + id}}}};
}

json EtcdPod(const std::string& etcd, const std::string& node, const std::string& phase = "Running",
             const std::string& ready = "True") {
  return {{"metadata",
           {{"name", "etcd-manager-" + etcd + "-" + node},
            {"namespace", "kube-system"},
            {"annotations", {{"kubernetes.io/config.mirror", "abc"}}}}},
          {"spec", {{"nodeName", node}}},
          {"status",
           {{"phase", phase},
            {"conditions", json::array({{{"type", "Ready"},
                                         {"status", ready},
                                         {"reason", ready == "True" ? "" : "ContainersNotReady"}},
                                        {{"type", "PodScheduled"}, {"status", "True"}}})}}}};
}

struct Cluster {
  std::vector<json> nodes = {
      Node("i-0aaa", "us-test-1a", "i-0aaa"), Node("i-0bbb", "us-test-1b", "i-0bbb"),
      Node("i-0ccc", "us-test-1c", "i-0ccc"), Node("i-0ddd", "us-test-1a", "i-0ddd")};
  std::vector<json> pods;
  Cluster() {
    for (const char* e : {"main", "events"})
      for (const char* n : {"i-0aaa", "i-0bbb", "i-0ccc"}) pods.push_back(EtcdPod(e, n));
    pods.push_back(EtcdPod("main", "i-0ddd"));  // a control-plane node of no spec member: ignored
  }
  FakeHttpClient::Handler Handler() const {
    return [this](const HttpRequest& r) {
      const std::string path = r.url.substr(std::string(kEndpoint).size());
      if (r.method == "GET" && path == "/api/v1/nodes")
        return FakeHttpClient::Respond(200, json{{"kind", "NodeList"}, {"items", nodes}}.dump());
      if (r.method == "GET" && path == "/api/v1/namespaces/kube-system/pods")
        return FakeHttpClient::Respond(200, json{{"kind", "PodList"}, {"items", pods}}.dump());
      return FakeHttpClient::Respond(404, "not found");
    };
  }
};

const EtcdMemberObservation& Member(const std::vector<EtcdClusterObservation>& obs,
                                    const std::string& cluster, const std::string& member) {
  for (const auto& c : obs)
    if (c.name == cluster)
      for (const auto& m : c.members)
        if (m.name == member) return m;
  throw std::runtime_error("no member " + cluster + "/" + member);
}

TEST(InstanceIdOfProviderId, TakesTheInstanceOfAnAwsProviderId) {
  EXPECT_EQ(InstanceIdOfProviderId("aws:///us-test-1a/i-0123"), "i-0123");
  EXPECT_EQ(InstanceIdOfProviderId("gce://project/us-central1-a/node-1"), "");
  EXPECT_EQ(InstanceIdOfProviderId("aws:///us-test-1a/"), "");
  EXPECT_EQ(InstanceIdOfProviderId("aws:////i-0123"), "");
  EXPECT_EQ(InstanceIdOfProviderId("i-0123"), "");
  EXPECT_EQ(InstanceIdOfProviderId(""), "");
}

TEST(ObserveEtcdThroughPods, ThreeHealthyMembersInEachCluster) {
  testing::HaSpec s = Spec();
  Cluster k8s;
  FakeHttpClient http(k8s.Handler());
  ApiClient api(http, kEndpoint, TlsConfig{});
  std::vector<EtcdClusterObservation> obs =
      ObserveEtcdThroughPods(s.cluster, s.groups, Running(), api);
  EXPECT_EQ(http.request_count(), 2u);
  ASSERT_EQ(obs.size(), 2u);
  EXPECT_EQ(obs[0].name, "main");
  EXPECT_EQ(obs[1].name, "events");
  for (const auto& c : obs) {
    EXPECT_TRUE(c.error.empty()) << c.error;
    EXPECT_TRUE(c.health_only);  // validation judges health only: no leader, list or revisions
    EXPECT_EQ(c.expected_members, (std::vector<std::string>{"a", "b", "c"}));
    ASSERT_EQ(c.members.size(), 3u);
    for (const auto& m : c.members) {
      EXPECT_TRUE(m.reachable) << c.name << "/" << m.name << ": " << m.error;
      EXPECT_TRUE(m.healthy) << c.name << "/" << m.name << ": " << m.error;
      EXPECT_FALSE(m.learner);
      EXPECT_EQ(m.member_id, 0u);
      EXPECT_TRUE(m.error.empty()) << m.error;
    }
  }
  EXPECT_EQ(Member(obs, "main", "b").instance_id, "i-0bbb");
  EXPECT_EQ(Member(obs, "main", "b").zone, "us-test-1b");
  EXPECT_EQ(QuorumProblemWithout(obs, "i-0aaa"), "");
}

TEST(ObserveEtcdThroughPods, AMemberWithoutANodeIsNotReachable) {
  testing::HaSpec s = Spec();
  Cluster k8s;
  k8s.nodes.erase(k8s.nodes.begin() + 1);  // i-0bbb has not registered
  FakeHttpClient http(k8s.Handler());
  ApiClient api(http, kEndpoint, TlsConfig{});
  std::vector<EtcdClusterObservation> obs =
      ObserveEtcdThroughPods(s.cluster, s.groups, Running(), api);
  const EtcdMemberObservation& b = Member(obs, "main", "b");
  EXPECT_FALSE(b.reachable);
  EXPECT_FALSE(b.healthy);
  EXPECT_EQ(b.error, "no Node registered for i-0bbb");
  EXPECT_TRUE(Member(obs, "main", "a").healthy);
  // Rolling a second member would leave one of three.
  std::string problem = QuorumProblemWithout(obs, "i-0aaa");
  EXPECT_NE(problem.find("etcd main with 1 of 3 members healthy"), std::string::npos) << problem;
  EXPECT_NE(problem.find("b in us-test-1b: no Node registered for i-0bbb"), std::string::npos)
      << problem;
}

TEST(ObserveEtcdThroughPods, AMissingPodAndANotReadyPodSayWhy) {
  testing::HaSpec s = Spec();
  Cluster k8s;
  k8s.pods[0] = EtcdPod("main", "i-0aaa", "Running", "False");
  k8s.pods.erase(k8s.pods.begin() + 2);  // main on i-0ccc
  FakeHttpClient http(k8s.Handler());
  ApiClient api(http, kEndpoint, TlsConfig{});
  std::vector<EtcdClusterObservation> obs =
      ObserveEtcdThroughPods(s.cluster, s.groups, Running(), api);
  const EtcdMemberObservation& a = Member(obs, "main", "a");
  EXPECT_TRUE(a.reachable);
  EXPECT_FALSE(a.healthy);
  EXPECT_NE(a.error.find("etcd-manager pod kube-system/etcd-manager-main-i-0aaa not ready"),
            std::string::npos)
      << a.error;
  EXPECT_NE(a.error.find("Ready False (ContainersNotReady)"), std::string::npos) << a.error;
  const EtcdMemberObservation& c = Member(obs, "main", "c");
  EXPECT_FALSE(c.reachable);
  EXPECT_EQ(c.error, "etcd-manager pod kube-system/etcd-manager-main-i-0ccc not found");
  EXPECT_TRUE(Member(obs, "events", "a").healthy);
  EXPECT_TRUE(Member(obs, "events", "c").healthy);
}

TEST(ObserveEtcdThroughPods, APendingPodIsNotHealthy) {
  testing::HaSpec s = Spec();
  Cluster k8s;
  k8s.pods[1] = EtcdPod("main", "i-0bbb", "Pending", "False");
  FakeHttpClient http(k8s.Handler());
  ApiClient api(http, kEndpoint, TlsConfig{});
  std::vector<EtcdClusterObservation> obs =
      ObserveEtcdThroughPods(s.cluster, s.groups, Running(), api);
  const EtcdMemberObservation& b = Member(obs, "main", "b");
  EXPECT_TRUE(b.reachable);
  EXPECT_FALSE(b.healthy);
  EXPECT_NE(b.error.find("phase Pending"), std::string::npos) << b.error;
}

TEST(ObserveEtcdThroughPods, AGroupWithoutARunningInstanceHasNoInstance) {
  testing::HaSpec s = Spec();
  Cluster k8s;
  std::vector<ControlPlaneInstance> running = Running();
  running.erase(running.begin() + 2);
  FakeHttpClient http(k8s.Handler());
  ApiClient api(http, kEndpoint, TlsConfig{});
  std::vector<EtcdClusterObservation> obs =
      ObserveEtcdThroughPods(s.cluster, s.groups, running, api);
  const EtcdMemberObservation& c = Member(obs, "events", "c");
  EXPECT_EQ(c.instance_id, "");
  EXPECT_EQ(c.zone, "us-test-1c");
  EXPECT_FALSE(c.reachable);
  EXPECT_EQ(c.error, "no running instance");
}

TEST(ObserveEtcdThroughPods, AnApiFailureBecomesEachClustersError) {
  testing::HaSpec s = Spec();
  FakeHttpClient http(
      [](const HttpRequest&) { return Result<HttpResponse>(Unavailable("connection refused")); });
  ApiClient api(http, kEndpoint, TlsConfig{});
  std::vector<EtcdClusterObservation> obs =
      ObserveEtcdThroughPods(s.cluster, s.groups, Running(), api);
  EXPECT_EQ(http.request_count(), 1u);
  ASSERT_EQ(obs.size(), 2u);
  for (const auto& c : obs) {
    EXPECT_NE(c.error.find("connection refused"), std::string::npos) << c.error;
    EXPECT_NE(c.error.find("etcd " + c.name), std::string::npos) << c.error;
    ASSERT_EQ(c.members.size(), 3u);
    for (const auto& m : c.members) EXPECT_FALSE(m.reachable);
  }
  EXPECT_NE(QuorumProblemWithout(obs, "i-0aaa").find("connection refused"), std::string::npos);
}

TEST(ObserveEtcdThroughPods, APodListRefusedIsEachClustersError) {
  testing::HaSpec s = Spec();
  Cluster k8s;
  FakeHttpClient::Handler nodes_only = k8s.Handler();
  FakeHttpClient http([&](const HttpRequest& r) -> Result<HttpResponse> {
    if (r.url.find("/pods") != std::string::npos)
      return FakeHttpClient::Respond(403,
                                     "{\"kind\":\"Status\",\"message\":\"pods is forbidden\"}");
    return nodes_only(r);
  });
  ApiClient api(http, kEndpoint, TlsConfig{});
  std::vector<EtcdClusterObservation> obs =
      ObserveEtcdThroughPods(s.cluster, s.groups, Running(), api);
  for (const auto& c : obs) {
    EXPECT_NE(c.error.find("HTTP 403: pods is forbidden"), std::string::npos) << c.error;
    for (const auto& m : c.members) EXPECT_FALSE(m.healthy);
  }
}

}  // namespace
}  // namespace kops::ops
