// The API stand-in over real TLS in-process: public paths, 401 without (or with a
// foreign) client certificate, authenticated CRUD.
#include "instance/apiserver.h"

#include <gtest/gtest.h>

#include <random>

#include "instance/apiserver_certs.h"
#include "instance/fake_object_store.h"
#include "instance/test_pki.h"

namespace kops::instance {
namespace {

std::string RandomLoopback() {
  std::random_device rd;
  return "127." + std::to_string(2 + rd() % 250) + "." + std::to_string(rd() % 256) + ".1";
}

class ApiServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    address_ = RandomLoopback();
    IssuedPem pem = IssueApiServerCert(*ks_.keystore, address_, {"api.test.local"}).value();
    ApiServerOptions o;
    o.address = address_;
    o.port = 0;
    o.cert_pem = pem.cert_pem;
    o.key_pem = pem.key_pem;
    o.client_ca_pem = pem.ca_pem;
    server_ = std::make_unique<ApiServer>(o, store_);
    ASSERT_TRUE(server_->Start().ok());
    client_tls_ = IssueApiClientTls(*ks_.keystore, "admin").value();
  }

  HttpResponse Do(const std::string& method, const std::string& path, const TlsConfig& tls,
                  const std::string& body = "") {
    HttpRequest req;
    req.method = method;
    req.url = server_->Url() + path;
    req.tls = tls;
    req.body = body;
    req.timeout = std::chrono::seconds(5);
    Result<HttpResponse> r = http_->Do(req);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : HttpResponse{};
  }
  TlsConfig Anonymous() const { return {client_tls_.ca_pem, "", "", false}; }

  testing::TestKeystore ks_;
  FakeObjectStore store_;
  std::string address_;
  std::unique_ptr<ApiServer> server_;
  TlsConfig client_tls_;
  std::unique_ptr<HttpClient> http_ = NewCurlHttpClient();
};

TEST_F(ApiServerTest, PublicPathsWithoutClientCertificate) {
  EXPECT_EQ(Do("GET", "/healthz", Anonymous()).status, 200);
  EXPECT_EQ(Do("GET", "/readyz", Anonymous()).body, "ok");
  EXPECT_EQ(Do("GET", "/version", Anonymous()).status, 200);
  store_.unavailable = true;
  EXPECT_EQ(Do("GET", "/readyz", Anonymous()).status, 503);
}

TEST_F(ApiServerTest, UnauthenticatedIs401) {
  EXPECT_EQ(Do("GET", "/api/v1/nodes", Anonymous()).status, 401);
  // A certificate from another CA is not accepted either.
  testing::TestKeystore other;
  TlsConfig foreign = IssueApiClientTls(*other.keystore, "admin").value();
  foreign.ca_pem = client_tls_.ca_pem;
  EXPECT_EQ(Do("GET", "/api/v1/nodes", foreign).status, 401);
}

TEST_F(ApiServerTest, AuthenticatedCrud) {
  std::string path = "/api/v1/namespaces/kube-system/configmaps";
  EXPECT_EQ(Do("POST", path, client_tls_, R"({"metadata":{"name":"a"},"data":{"x":"1"}})").status, 201);
  HttpResponse g = Do("GET", path + "/a", client_tls_);
  EXPECT_EQ(g.status, 200);
  EXPECT_NE(g.body.find("\"resourceVersion\""), std::string::npos);
  EXPECT_EQ(Do("GET", "/api/v1/nodes", client_tls_).status, 200);
}

// A client that keeps its connection resumes its TLS session when the server has closed
// the connection (after 5 requests); the resumed handshake must succeed and stay
// authenticated.
TEST_F(ApiServerTest, KeptAliveClientResumesItsTlsSessionAuthenticated) {
  std::unique_ptr<HttpClient> keep = NewKeepAliveCurlHttpClient();
  for (int i = 0; i < 12; ++i) {
    HttpRequest req;
    req.url = server_->Url() + "/api/v1/nodes";
    req.tls = client_tls_;
    req.timeout = std::chrono::seconds(5);
    Result<HttpResponse> r = keep->Do(req);
    ASSERT_TRUE(r.ok()) << "request " << i << ": " << r.status().message();
    EXPECT_EQ(r->status, 200) << "request " << i << ": " << r->body;
  }
}

}  // namespace
}  // namespace kops::instance
