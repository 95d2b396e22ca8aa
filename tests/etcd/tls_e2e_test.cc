// End-to-end: a 3-member etcd with TLS on both the client and the peer side (client
// certificates required), using a CA made here with the openssl CLI.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "etcd_harness.h"

namespace kops::etcd::e2e {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Makes ca.crt, node.crt/key (server+client auth, SANs = the member IPs and 127.0.0.1) and
// client.crt/key (client auth) in dir. Returns false (with output in dir/openssl.log) on
// failure.
//
// Measured: with --peer-client-cert-auth, etcd 3.4 rejects a peer whose certificate's IP
// SANs do not include the connection's source address ("rejected connection" in its log),
// and a peer dialing 127.A.B.C from an unbound socket comes from 127.0.0.1. So on loopback
// the peer certificates must list 127.0.0.1 too.
bool MakeCertificates(const std::string& dir, const std::vector<std::string>& ips) {
  std::string sans = "IP:127.0.0.1";
  for (const std::string& ip : ips) sans += ",IP:" + ip;
  std::ofstream(dir + "/node.ext")
      << "subjectAltName=" << sans << "\nextendedKeyUsage=serverAuth,clientAuth\n";
  std::ofstream(dir + "/client.ext") << "extendedKeyUsage=clientAuth\n";
  std::string key = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
  std::string cmd = "cd " + dir +
                    " && {"
                    " openssl req -x509" +
                    key +
                    " -keyout ca.key -out ca.crt -days 1 -subj /CN=kops-e2e-ca &&"
                    " openssl req" +
                    key +
                    " -keyout node.key -out node.csr -subj /CN=etcd-node &&"
                    " openssl x509 -req -in node.csr -CA ca.crt -CAkey ca.key -CAcreateserial"
                    "   -out node.crt -days 1 -extfile node.ext &&"
                    " openssl req" +
                    key +
                    " -keyout client.key -out client.csr -subj /CN=kops-client &&"
                    " openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial"
                    "   -out client.crt -days 1 -extfile client.ext; } > openssl.log 2>&1";
  return std::system(cmd.c_str()) == 0;
}

TEST(EtcdTlsE2eTest, MutualTlsOnClientAndPeerUrls) {
  EtcdCluster cluster;
  std::string pki = cluster.dir() + "/pki";
  std::filesystem::create_directories(pki);
  ASSERT_TRUE(MakeCertificates(pki, {cluster.Address(1), cluster.Address(2), cluster.Address(3)}))
      << ReadFile(pki + "/openssl.log");
  EtcdTlsFiles files{pki + "/node.crt", pki + "/node.key", pki + "/ca.crt", true};
  cluster.StartNew(3, files, files);
  for (const std::string& url : cluster.ClientUrls()) EXPECT_EQ(url.rfind("https://", 0), 0u);

  std::unique_ptr<HttpClient> http = NewCurlHttpClient();
  ClientOptions o;
  o.endpoints = cluster.ClientUrls();
  o.request_timeout = 3s;
  o.tls.ca_pem = ReadFile(pki + "/ca.crt");
  o.tls.cert_pem = ReadFile(pki + "/client.crt");
  o.tls.key_pem = ReadFile(pki + "/client.key");
  Result<std::unique_ptr<Client>> client = Client::Create(*http, o);
  ASSERT_TRUE(client.ok()) << client.status().message();
  Client& c = **client;

  ASSERT_TRUE(WaitFor(20s, [&] { return c.Put("/tls", "secret").ok(); }))
      << c.Put("/tls", "secret").status().message();
  EXPECT_EQ(c.Get("/tls")->kvs.at(0).value, "secret");
  EXPECT_TRUE(*c.Health(cluster.ClientUrls()[1]));
  Result<MemberListResponse> list = c.MemberList();
  ASSERT_TRUE(list.ok()) << list.status().message();
  ASSERT_EQ(list->members.size(), 3u);
  for (const Member& m : list->members) {
    EXPECT_EQ(m.peer_urls.at(0).rfind("https://", 0), 0u);
    EXPECT_EQ(m.client_urls.at(0).rfind("https://", 0), 0u);
  }

  // Without a client certificate the server refuses the handshake: a transport error.
  ClientOptions no_cert = o;
  no_cert.tls.cert_pem.clear();
  no_cert.tls.key_pem.clear();
  no_cert.endpoints = {cluster.ClientUrls()[0]};
  Result<GetResponse> refused = (*Client::Create(*http, no_cert))->Get("/tls");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kUnavailable) << refused.status().message();

  // Without the CA the server certificate is not trusted.
  ClientOptions no_ca = o;
  no_ca.tls.ca_pem.clear();
  no_ca.endpoints = {cluster.ClientUrls()[0]};
  EXPECT_FALSE((*Client::Create(*http, no_ca))->Get("/tls").ok());
}

}  // namespace
}  // namespace kops::etcd::e2e
