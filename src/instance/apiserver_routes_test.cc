#include "instance/apiserver_routes.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "instance/fake_object_store.h"

namespace kops::instance {
namespace {

using Json = nlohmann::json;

class RoutesTest : public ::testing::Test {
 protected:
  ApiResponse Do(std::string method, std::string path, std::string body = "", bool auth = true) {
    return HandleApiRequest({std::move(method), std::move(path), std::move(body), auth}, store_);
  }
  static Json J(const ApiResponse& r) { return Json::parse(r.body); }
  FakeObjectStore store_;
};

TEST_F(RoutesTest, PublicEndpointsNeedNoCertificate) {
  EXPECT_EQ(Do("GET", "/healthz", "", false).status, 200);
  EXPECT_EQ(Do("GET", "/livez", "", false).status, 200);
  EXPECT_EQ(Do("GET", "/readyz", "", false).status, 200);
  ApiResponse v = Do("GET", "/version", "", false);
  EXPECT_EQ(v.status, 200);
  EXPECT_EQ(J(v)["major"], "1");
}

TEST_F(RoutesTest, ReadyzIs503WithoutQuorum) {
  store_.unavailable = true;
  ApiResponse r = Do("GET", "/readyz", "", false);
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(r.body.find("quorum"), std::string::npos);
  EXPECT_EQ(Do("GET", "/healthz", "", false).status, 200);
}

TEST_F(RoutesTest, EverythingElseNeedsAClientCertificate) {
  ApiResponse r = Do("GET", "/api/v1/nodes", "", false);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(J(r)["reason"], "Unauthorized");
  EXPECT_EQ(Do("GET", "/api/v1/namespaces/default/configmaps/x", "", false).status, 401);
  EXPECT_EQ(Do("GET", "/apis/apps/v1/deployments").status, 404);
}

TEST_F(RoutesTest, ConfigMapLifecycleWithResourceVersions) {
  std::string path = "/api/v1/namespaces/default/configmaps";
  ApiResponse c = Do("POST", path, R"({"metadata":{"name":"cm1"},"data":{"k":"v1"}})");
  ASSERT_EQ(c.status, 201) << c.body;
  std::string rv = J(c)["metadata"]["resourceVersion"];
  EXPECT_EQ(J(c)["metadata"]["namespace"], "default");
  EXPECT_EQ(J(c)["kind"], "ConfigMap");
  EXPECT_EQ(Do("POST", path, R"({"metadata":{"name":"cm1"}})").status, 409);

  ApiResponse g = Do("GET", path + "/cm1");
  ASSERT_EQ(g.status, 200);
  EXPECT_EQ(J(g)["data"]["k"], "v1");
  EXPECT_EQ(J(g)["metadata"]["resourceVersion"], rv);

  Json upd = J(g);
  upd["data"]["k"] = "v2";
  ApiResponse u = Do("PUT", path + "/cm1", upd.dump());
  ASSERT_EQ(u.status, 200) << u.body;
  EXPECT_NE(J(u)["metadata"]["resourceVersion"], rv);
  ApiResponse stale = Do("PUT", path + "/cm1", upd.dump());  // still carries the old rv
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(J(stale)["reason"], "Conflict");

  ApiResponse l = Do("GET", path);
  ASSERT_EQ(l.status, 200);
  EXPECT_EQ(J(l)["kind"], "ConfigMapList");
  ASSERT_EQ(J(l)["items"].size(), 1u);
  EXPECT_EQ(J(l)["items"][0]["data"]["k"], "v2");
  EXPECT_EQ(J(Do("GET", "/api/v1/namespaces/other/configmaps"))["items"].size(), 0u);

  EXPECT_EQ(Do("DELETE", path + "/cm1").status, 200);
  EXPECT_EQ(Do("GET", path + "/cm1").status, 404);
  EXPECT_EQ(Do("DELETE", path + "/cm1").status, 404);
}

TEST_F(RoutesTest, BadBodiesAndNames) {
  std::string path = "/api/v1/namespaces/default/configmaps";
  EXPECT_EQ(Do("POST", path, "not json").status, 400);
  EXPECT_EQ(Do("POST", path, R"({"metadata":{"name":"a/b"}})").status, 400);
  EXPECT_EQ(Do("PUT", path + "/x", R"({"metadata":{"name":"y"}})").status, 400);
  EXPECT_EQ(Do("PUT", path + "/x", R"({"metadata":{"name":"x"}})").status, 404);
  EXPECT_EQ(Do("PATCH", path + "/x", "{}").status, 405);
}

TEST_F(RoutesTest, NodesCreateGetUpdateList) {
  Json node = {{"metadata", {{"name", "node-a"}}},
               {"status", {{"conditions", {{{"type", "Ready"}, {"status", "True"}}}}}}};
  ASSERT_EQ(Do("POST", "/api/v1/nodes", node.dump()).status, 201);
  ApiResponse g = Do("GET", "/api/v1/nodes/node-a");
  ASSERT_EQ(g.status, 200);
  EXPECT_EQ(J(g)["kind"], "Node");
  EXPECT_FALSE(J(g)["metadata"].contains("namespace"));
  node["status"]["conditions"][0]["status"] = "False";
  EXPECT_EQ(Do("PUT", "/api/v1/nodes/node-a", node.dump()).status, 200);  // unconditional
  ApiResponse l = Do("GET", "/api/v1/nodes");
  EXPECT_EQ(J(l)["kind"], "NodeList");
  EXPECT_EQ(J(l)["items"][0]["status"]["conditions"][0]["status"], "False");
}

TEST_F(RoutesTest, LostQuorumIs503NamingIt) {
  store_.unavailable = true;
  ApiResponse r = Do("POST", "/api/v1/namespaces/default/configmaps", R"({"metadata":{"name":"a"}})");
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(J(r)["message"].get<std::string>().find("quorum"), std::string::npos);
}

}  // namespace
}  // namespace kops::instance
