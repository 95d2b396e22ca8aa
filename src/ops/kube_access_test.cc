#include "ops/kube_access.h"

#include <gtest/gtest.h>

#include "base/base64.h"

namespace kops::ops {
namespace {

using nlohmann::json;

json Config(const std::string& server, const json& user) {
  return json{{"apiVersion", "v1"},
              {"kind", "Config"},
              {"clusters", json::array({json{{"name", "other"}, {"cluster", {{"server", "https://other"}}}},
                                        json{{"name", "ha.example.com"},
                                             {"cluster",
                                              {{"server", server},
                                               {"certificate-authority-data", Base64Encode("CA PEM")}}}}})},
              {"users", json::array({json{{"name", "ha.example.com"}, {"user", user}}})},
              {"contexts", json::array({json{{"name", "ha.example.com"},
                                             {"context", {{"cluster", "ha.example.com"}, {"user", "ha.example.com"}}}}})},
              {"current-context", "other"}};
}

TEST(KubeAccess, ReadsTheContextNamedAfterTheClusterNotTheCurrentOne) {
  json user{{"client-certificate-data", Base64Encode("CERT")}, {"client-key-data", Base64Encode("KEY")}};
  auto access = KubeAccessFromKubeconfig(Config("https://api.ha.example.com", user), "ha.example.com", "/k");
  ASSERT_TRUE(access.ok()) << access.status().message();
  ASSERT_TRUE(access->has_value());
  EXPECT_EQ((*access)->server, "https://api.ha.example.com");
  EXPECT_EQ((*access)->tls.ca_pem, "CA PEM");
  EXPECT_EQ((*access)->tls.cert_pem, "CERT");
  EXPECT_EQ((*access)->tls.key_pem, "KEY");
  EXPECT_FALSE((*access)->tls.insecure_skip_verify);
}

TEST(KubeAccess, UserWithoutCertificateLeavesTheIdentityEmpty) {
  auto access = KubeAccessFromKubeconfig(Config("https://api.ha.example.com", json{{"token", "t"}}), "ha.example.com",
                                         "/k");
  ASSERT_TRUE(access.ok());
  ASSERT_TRUE(access->has_value());
  EXPECT_TRUE((*access)->tls.cert_pem.empty());
  EXPECT_EQ((*access)->tls.ca_pem, "CA PEM");
}

TEST(KubeAccess, NoContextIsNotAnError) {
  auto access = KubeAccessFromKubeconfig(Config("https://x", json::object()), "nope.example.com", "/k");
  ASSERT_TRUE(access.ok());
  EXPECT_FALSE(access->has_value());
  auto none = KubeAccessFromKubeconfig(json(nullptr), "ha.example.com", "/k");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST(KubeAccess, MalformedEntriesNameTheField) {
  auto http = KubeAccessFromKubeconfig(Config("http://api", json::object()), "ha.example.com", "/k");
  ASSERT_FALSE(http.ok());
  EXPECT_NE(http.status().message().find("server \"http://api\""), std::string::npos) << http.status().message();
  json half{{"client-certificate-data", Base64Encode("CERT")}};
  auto lone = KubeAccessFromKubeconfig(Config("https://api", half), "ha.example.com", "/k");
  ASSERT_FALSE(lone.ok());
  EXPECT_NE(lone.status().message().find("without its key"), std::string::npos);
  json bad{{"client-certificate-data", "***"}, {"client-key-data", "***"}};
  auto garbage = KubeAccessFromKubeconfig(Config("https://api", bad), "ha.example.com", "/k");
  ASSERT_FALSE(garbage.ok());
  EXPECT_NE(garbage.status().message().find("client-certificate-data is not base64"), std::string::npos)
      << garbage.status().message();
  json missing = Config("https://api", json::object());
  missing["clusters"] = json::array();
  auto no_cluster = KubeAccessFromKubeconfig(missing, "ha.example.com", "/k");
  ASSERT_FALSE(no_cluster.ok());
  EXPECT_NE(no_cluster.status().message().find("cluster \"ha.example.com\" is not in the file's clusters"),
            std::string::npos);
}

}  // namespace
}  // namespace kops::ops
