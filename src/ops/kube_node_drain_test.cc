#include "ops/kube_node_drain.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/fake_http.h"

namespace kops::ops {
namespace {

using nlohmann::json;

constexpr const char* kEndpoint = "https://api.example.test:443";
constexpr const char* kNode = "ip-10-0-1-5.ec2.internal";

json Pod(const std::string& ns, const std::string& name, const std::string& phase = "Running") {
  return {{"metadata", {{"namespace", ns}, {"name", name}}},
          {"spec", {{"nodeName", kNode}}},
          {"status", {{"phase", phase}}}};
}

json DaemonSetPod(const std::string& ns, const std::string& name) {
  json p = Pod(ns, name);
  p["metadata"]["ownerReferences"] = json::array({{{"apiVersion", "apps/v1"},
                                                   {"kind", "DaemonSet"},
                                                   {"name", "kube-proxy"},
                                                   {"controller", true}}});
  return p;
}

json MirrorPod(const std::string& ns, const std::string& name) {
  json p = Pod(ns, name);
  p["metadata"]["annotations"] = {{"kubernetes.io/config.mirror", "0123abcd"}};
  return p;
}

std::string PodList(const std::vector<json>& pods) {
  return json{{"kind", "PodList"}, {"apiVersion", "v1"}, {"items", pods}}.dump();
}

std::string StatusBody(int code, const std::string& reason, const std::string& message) {
  return json{{"kind", "Status"},
              {"status", "Failure"},
              {"code", code},
              {"reason", reason},
              {"message", message}}
      .dump();
}

bool IsPodList(const HttpRequest& r) {
  return r.method == "GET" && r.url.rfind(std::string(kEndpoint) + "/api/v1/pods?", 0) == 0;
}

std::vector<HttpRequest> Evictions(const FakeHttpClient& http) {
  std::vector<HttpRequest> out;
  for (const HttpRequest& r : http.requests())
    if (r.method == "POST") out.push_back(r);
  return out;
}

TEST(CordonNode, PatchesUnschedulableAsStrategicMergePatch) {
  FakeHttpClient http(
      [](const HttpRequest&) { return FakeHttpClient::Respond(200, "{\"kind\":\"Node\"}"); });
  ApiClient api(http, kEndpoint, TlsConfig{});
  ASSERT_TRUE(CordonNode(api, kNode).ok());
  ASSERT_EQ(http.request_count(), 1u);
  const HttpRequest r = http.requests()[0];
  EXPECT_EQ(r.method, "PATCH");
  EXPECT_EQ(r.url, std::string(kEndpoint) + "/api/v1/nodes/" + kNode);
  EXPECT_EQ(FakeHttpClient::RequestHeader(r, "Content-Type"),
            "application/strategic-merge-patch+json");
  EXPECT_EQ(json::parse(r.body), (json{{"spec", {{"unschedulable", true}}}}));
}

TEST(DeleteNode, DeletesTheNodeAndANodeAlreadyGoneIsFine) {
  int status = 200;
  FakeHttpClient http([&](const HttpRequest&) {
    return FakeHttpClient::Respond(status, status == 500 ? StatusBody(500, "InternalError", "etcd timed out") : "{}");
  });
  ApiClient api(http, kEndpoint, TlsConfig{});
  ASSERT_TRUE(DeleteNode(api, kNode).ok());
  EXPECT_EQ(http.requests()[0].method, "DELETE");
  EXPECT_EQ(http.requests()[0].url, std::string(kEndpoint) + "/api/v1/nodes/" + kNode);
  status = 404;
  EXPECT_TRUE(DeleteNode(api, kNode).ok());
  status = 500;
  Status st = DeleteNode(api, kNode);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("HTTP 500"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find(kNode), std::string::npos) << st.message();
}

TEST(CordonNode, UnknownNodeIsNotFoundNamingIt) {
  FakeHttpClient http([](const HttpRequest&) {
    return FakeHttpClient::Respond(404, StatusBody(404, "NotFound", "nodes \"gone\" not found"));
  });
  ApiClient api(http, kEndpoint, TlsConfig{});
  Status st = CordonNode(api, "gone");
  EXPECT_EQ(st.code(), Code::kNotFound);
  EXPECT_NE(st.message().find("\"gone\""), std::string::npos) << st.message();
}

TEST(CordonNode, ForbiddenIsAnErrorWithTheStatus) {
  FakeHttpClient http([](const HttpRequest&) {
    return FakeHttpClient::Respond(
        403, StatusBody(403, "Forbidden", "nodes is forbidden: user cannot patch"));
  });
  ApiClient api(http, kEndpoint, TlsConfig{});
  Status st = CordonNode(api, kNode);
  EXPECT_EQ(st.code(), Code::kPermissionDenied);
  EXPECT_NE(st.message().find("HTTP 403"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("user cannot patch"), std::string::npos) << st.message();
}

TEST(EvictPodsOnce, ListsTheNodesPodsWithAnEncodedFieldSelector) {
  FakeHttpClient http([](const HttpRequest&) { return FakeHttpClient::Respond(200, PodList({})); });
  ApiClient api(http, kEndpoint, TlsConfig{});
  Result<DrainStep> step = EvictPodsOnce(api, kNode);
  ASSERT_TRUE(step.ok()) << step.status().message();
  EXPECT_TRUE(step->drained());
  ASSERT_EQ(http.request_count(), 1u);
  EXPECT_EQ(http.requests()[0].method, "GET");
  EXPECT_EQ(http.requests()[0].url,
            std::string(kEndpoint) +
                "/api/v1/pods?fieldSelector=spec.nodeName%3Dip-10-0-1-5.ec2.internal");
}

TEST(EvictPodsOnce, SkipsDaemonSetMirrorAndFinishedPodsAndEvictsTheRest) {
  FakeHttpClient http([](const HttpRequest& r) {
    if (IsPodList(r))
      return FakeHttpClient::Respond(
          200, PodList({DaemonSetPod("kube-system", "kube-proxy-x1"),
                        MirrorPod("kube-system", "etcd-manager-main-n1"),
                        Pod("default", "done", "Succeeded"), Pod("default", "crashed", "Failed"),
                        Pod("default", "web-1"), Pod("apps", "db-0", "Pending")}));
    return FakeHttpClient::Respond(201, "{\"kind\":\"Status\",\"status\":\"Success\"}");
  });
  ApiClient api(http, kEndpoint, TlsConfig{});
  Result<DrainStep> step = EvictPodsOnce(api, kNode);
  ASSERT_TRUE(step.ok()) << step.status().message();
  EXPECT_EQ(step->evicted, 2);
  EXPECT_EQ(step->skipped, (std::vector<std::string>{"kube-system/kube-proxy-x1",
                                                     "kube-system/etcd-manager-main-n1"}));
  // Evicted pods are still terminating until the next list shows them gone.
  EXPECT_EQ(step->remaining, (std::vector<std::string>{"default/web-1", "apps/db-0"}));
  EXPECT_FALSE(step->drained());

  std::vector<HttpRequest> evictions = Evictions(http);
  ASSERT_EQ(evictions.size(), 2u);
  EXPECT_EQ(evictions[0].url,
            std::string(kEndpoint) + "/api/v1/namespaces/default/pods/web-1/eviction");
  EXPECT_EQ(evictions[1].url,
            std::string(kEndpoint) + "/api/v1/namespaces/apps/pods/db-0/eviction");
  json body = json::parse(evictions[0].body);
  EXPECT_EQ(body["kind"], "Eviction");
  EXPECT_EQ(body["apiVersion"], "policy/v1");
  EXPECT_EQ(body["metadata"]["name"], "web-1");
  EXPECT_EQ(body["metadata"]["namespace"], "default");
  EXPECT_EQ(FakeHttpClient::RequestHeader(evictions[0], "Content-Type"), "application/json");
}

TEST(EvictPodsOnce, AnOwnerReferenceThatIsNotTheControllerDoesNotMakeADaemonSetPod) {
  FakeHttpClient http([](const HttpRequest& r) {
    if (IsPodList(r)) {
      json p = Pod("default", "adopted");
      p["metadata"]["ownerReferences"] =
          json::array({{{"kind", "DaemonSet"}, {"name", "x"}, {"controller", false}}});
      return FakeHttpClient::Respond(200, PodList({p}));
    }
    return FakeHttpClient::Respond(201, "{}");
  });
  ApiClient api(http, kEndpoint, TlsConfig{});
  Result<DrainStep> step = EvictPodsOnce(api, kNode);
  ASSERT_TRUE(step.ok()) << step.status().message();
  EXPECT_TRUE(step->skipped.empty());
  EXPECT_EQ(step->evicted, 1);
}

TEST(EvictPodsOnce, RefusedByADisruptionBudgetStaysWithTheReason) {
  FakeHttpClient http([](const HttpRequest& r) {
    if (IsPodList(r))
      return FakeHttpClient::Respond(200,
                                     PodList({Pod("default", "web-1"), Pod("default", "web-2")}));
    if (r.url.find("/web-1/") != std::string::npos)
      return FakeHttpClient::Respond(
          429, StatusBody(429, "TooManyRequests",
                          "Cannot evict pod as it would violate the pod's disruption budget."));
    return FakeHttpClient::Respond(200, "{}");
  });
  ApiClient api(http, kEndpoint, TlsConfig{});
  Result<DrainStep> step = EvictPodsOnce(api, kNode);
  ASSERT_TRUE(step.ok()) << step.status().message();
  EXPECT_EQ(step->evicted, 1);
  EXPECT_EQ(step->remaining, (std::vector<std::string>{"default/web-1", "default/web-2"}));
  EXPECT_NE(step->reasons["default/web-1"].find("disruption budget"), std::string::npos);
  EXPECT_NE(step->reasons["default/web-1"].find("would violate"), std::string::npos);
  EXPECT_EQ(step->reasons["default/web-2"], "evicted, terminating");
  std::string described = DescribeRemaining(*step);
  EXPECT_NE(described.find("default/web-1 (eviction refused by a disruption budget"),
            std::string::npos)
      << described;
}

TEST(EvictPodsOnce, TerminatingPodsAreNotEvictedAgain) {
  FakeHttpClient http([](const HttpRequest& r) {
    if (IsPodList(r)) {
      json p = Pod("default", "web-1");
      p["metadata"]["deletionTimestamp"] = "2024-05-01T10:00:00Z";
      return FakeHttpClient::Respond(200, PodList({p}));
    }
    return FakeHttpClient::Respond(201, "{}");
  });
  ApiClient api(http, kEndpoint, TlsConfig{});
  Result<DrainStep> step = EvictPodsOnce(api, kNode);
  ASSERT_TRUE(step.ok()) << step.status().message();
  EXPECT_TRUE(Evictions(http).empty());
  EXPECT_EQ(step->evicted, 0);
  EXPECT_EQ(step->remaining, std::vector<std::string>{"default/web-1"});
  EXPECT_EQ(step->reasons["default/web-1"], "terminating");
}

TEST(EvictPodsOnce, APodAlreadyGoneIsNotRemaining) {
  FakeHttpClient http([](const HttpRequest& r) {
    if (IsPodList(r)) return FakeHttpClient::Respond(200, PodList({Pod("default", "web-1")}));
    return FakeHttpClient::Respond(404, StatusBody(404, "NotFound", "pods \"web-1\" not found"));
  });
  ApiClient api(http, kEndpoint, TlsConfig{});
  Result<DrainStep> step = EvictPodsOnce(api, kNode);
  ASSERT_TRUE(step.ok()) << step.status().message();
  EXPECT_EQ(step->evicted, 0);
  EXPECT_TRUE(step->drained());
}

TEST(EvictPodsOnce, OtherEvictionAnswersAreErrorsNamingThePodAndStatus) {
  FakeHttpClient http([](const HttpRequest& r) {
    if (IsPodList(r)) return FakeHttpClient::Respond(200, PodList({Pod("default", "web-1")}));
    return FakeHttpClient::Respond(
        500, StatusBody(500, "InternalError", "This pod has more than one PodDisruptionBudget"));
  });
  ApiClient api(http, kEndpoint, TlsConfig{});
  Result<DrainStep> step = EvictPodsOnce(api, kNode);
  ASSERT_FALSE(step.ok());
  EXPECT_NE(step.status().message().find("default/web-1"), std::string::npos)
      << step.status().message();
  EXPECT_NE(step.status().message().find("HTTP 500"), std::string::npos) << step.status().message();
  EXPECT_NE(step.status().message().find("more than one PodDisruptionBudget"), std::string::npos);
}

TEST(EvictPodsOnce, AFailedListIsAnErrorNamingTheNode) {
  FakeHttpClient http(
      [](const HttpRequest&) { return FakeHttpClient::Respond(503, "apiserver overloaded"); });
  ApiClient api(http, kEndpoint, TlsConfig{});
  Result<DrainStep> step = EvictPodsOnce(api, kNode);
  ASSERT_FALSE(step.ok());
  EXPECT_NE(step.status().message().find(kNode), std::string::npos) << step.status().message();
  EXPECT_NE(step.status().message().find("HTTP 503"), std::string::npos) << step.status().message();
}

TEST(DescribeRemaining, ListsAtMostTheLimitThenCounts) {
  DrainStep step;
  for (const char* p : {"a/1", "a/2", "a/3"}) {
    step.remaining.push_back(p);
    step.reasons[p] = "terminating";
  }
  EXPECT_EQ(DescribeRemaining(step, 2), "a/1 (terminating), a/2 (terminating), and 1 more");
}

TEST(PercentEncode, KeepsUnreservedAndEncodesTheRest) {
  EXPECT_EQ(PercentEncode("spec.nodeName=a-b_c~d"), "spec.nodeName%3Da-b_c~d");
  EXPECT_EQ(PercentEncode("a b/c&d"), "a%20b%2Fc%26d");
}

}  // namespace
}  // namespace kops::ops
