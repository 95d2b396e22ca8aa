#include "instance/node_agent.h"

#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "instance/apiserver_routes.h"
#include "instance/fake_object_store.h"
#include "instance/node_status.h"

namespace kops::instance {
namespace {

using namespace std::chrono_literals;

// Routes HttpClient calls straight into HandleApiRequest (authenticated).
class InProcessApi : public HttpClient {
 public:
  FakeObjectStore store;
  Result<HttpResponse> Do(const HttpRequest& r) override {
    std::string path = r.url.substr(r.url.find('/', 8));
    ApiResponse a = HandleApiRequest({r.method, path, r.body, true}, store);
    return HttpResponse{a.status, {}, a.body};
  }
};

TEST(NodeAgentTest, RegistersThenHeartbeats) {
  InProcessApi api;
  FakeClock clock;
  NodeAgent agent({"https://lb:443", "node-1", "127.9.9.9", "local-a", "nodes-local-a", {}}, api, clock);
  ASSERT_TRUE(agent.Heartbeat().ok());
  Result<StoredObject> first = api.store.Get("/registry/minions/node-1");
  ASSERT_TRUE(first.ok());
  clock.Advance(10s);
  ASSERT_TRUE(agent.Heartbeat().ok());
  Result<StoredObject> second = api.store.Get("/registry/minions/node-1");
  EXPECT_GT(second->revision, first->revision);
  auto node = nlohmann::json::parse(second->value);
  EXPECT_TRUE(ComputeNodeReadiness(node, clock.WallNow()).ready);
  // The agent stops: NotReady once the grace period passed.
  EXPECT_TRUE(ComputeNodeReadiness(node, clock.WallNow() + 40s).ready);
  NodeReadiness late = ComputeNodeReadiness(node, clock.WallNow() + 41s);
  EXPECT_FALSE(late.ready);
  EXPECT_EQ(late.reason, "no heartbeat for 41s");
  EXPECT_TRUE(ComputeNodeReadiness(node, clock.WallNow() + 41s, 60s).ready);
}

TEST(NodeAgentTest, TakesOverAnExistingNodeAndReportsFailures) {
  InProcessApi api;
  FakeClock clock;
  ASSERT_TRUE(api.store.Create("/registry/minions/node-1", R"({"metadata":{"name":"node-1"}})").ok());
  NodeAgent agent({"https://lb:443", "node-1", "127.9.9.9", "local-a", "nodes", {}}, api, clock);
  ASSERT_TRUE(agent.Heartbeat().ok());
  EXPECT_TRUE(ComputeNodeReadiness(nlohmann::json::parse(api.store.Get("/registry/minions/node-1")->value),
                                   clock.WallNow())
                  .ready);
  api.store.unavailable = true;
  Status st = agent.Heartbeat();
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("503"), std::string::npos);
}

// rolling-update cordons a node, waits for the drain's acknowledgement, deletes the Node
// and terminates the instance: the heartbeats in between must not create it again.
TEST(NodeAgentTest, NodeDeletedAfterItsDrainIsNotRegisteredAgain) {
  InProcessApi api;
  FakeClock clock;
  NodeAgent agent({"https://lb:443", "node-1", "127.9.9.9", "local-a", "nodes", {}}, api, clock);
  ASSERT_TRUE(agent.Heartbeat().ok());
  auto node = nlohmann::json::parse(api.store.Get("/registry/minions/node-1")->value);
  node["spec"]["unschedulable"] = true;
  ASSERT_TRUE(api.store.Update("/registry/minions/node-1", node.dump(), 0).ok());
  ASSERT_TRUE(agent.Heartbeat().ok());  // acknowledges the drain
  ApiResponse deleted = HandleApiRequest({"DELETE", "/api/v1/nodes/node-1", "", true}, api.store);
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  for (int i = 0; i < 3; ++i) {
    clock.Advance(10s);
    Status st = agent.Heartbeat();
    EXPECT_EQ(st.code(), Code::kFailedPrecondition) << st.message();
    EXPECT_NE(st.message().find("node-1 was deleted"), std::string::npos) << st.message();
  }
  EXPECT_FALSE(api.store.Get("/registry/minions/node-1").ok());
}

// A Node gone without a drain (etcd restored from a backup taken before the node
// registered) is registered again, cordon-free.
TEST(NodeAgentTest, NodeGoneWithoutADrainIsRegisteredAgain) {
  InProcessApi api;
  FakeClock clock;
  NodeAgent agent({"https://lb:443", "node-1", "127.9.9.9", "local-a", "nodes", {}}, api, clock);
  ASSERT_TRUE(agent.Heartbeat().ok());
  ApiResponse deleted = HandleApiRequest({"DELETE", "/api/v1/nodes/node-1", "", true}, api.store);
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  clock.Advance(10s);
  ASSERT_TRUE(agent.Heartbeat().ok());
  Result<StoredObject> again = api.store.Get("/registry/minions/node-1");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(ComputeNodeReadiness(nlohmann::json::parse(again->value), clock.WallNow()).ready);
}

TEST(NodeAgentTest, KeepsACordonAndAcknowledgesTheDrain) {
  InProcessApi api;
  FakeClock clock;
  NodeAgent agent({"https://lb:443", "node-1", "127.9.9.9", "local-a", "nodes", {}}, api, clock);
  ASSERT_TRUE(agent.Heartbeat().ok());
  EXPECT_FALSE(agent.CordonUnacknowledged());
  // kops rolling-update cordons the node.
  auto node = nlohmann::json::parse(api.store.Get("/registry/minions/node-1")->value);
  node["spec"]["unschedulable"] = true;
  ASSERT_TRUE(api.store.Update("/registry/minions/node-1", node.dump(), 0).ok());
  EXPECT_TRUE(agent.CordonUnacknowledged());
  ASSERT_TRUE(agent.Heartbeat().ok());
  node = nlohmann::json::parse(api.store.Get("/registry/minions/node-1")->value);
  EXPECT_TRUE(node["spec"]["unschedulable"].get<bool>());
  EXPECT_EQ(node["metadata"]["annotations"][kNodeDrainedAnnotation], "true");
  EXPECT_TRUE(ComputeNodeReadiness(node, clock.WallNow()).ready);
  EXPECT_FALSE(agent.CordonUnacknowledged());
}

TEST(NodeStatusTest, ReasonsAndTimeFormat) {
  EXPECT_EQ(ComputeNodeReadiness(nlohmann::json::object(), {}).reason, "no Ready condition");
  auto node = nlohmann::json::parse(
      R"({"status":{"conditions":[{"type":"Ready","status":"False","lastHeartbeatTime":"2025-01-02T03:04:05Z"}]}})");
  EXPECT_EQ(ComputeNodeReadiness(node, {}).reason, "Ready condition is False");
  std::chrono::system_clock::time_point t;
  ASSERT_TRUE(ParseRfc3339("2025-01-02T03:04:05Z", t));
  EXPECT_EQ(FormatRfc3339(t), "2025-01-02T03:04:05Z");
  EXPECT_FALSE(ParseRfc3339("yesterday", t));
}

}  // namespace
}  // namespace kops::instance
