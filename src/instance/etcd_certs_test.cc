#include "instance/etcd_certs.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "base/file_util.h"
#include "instance/test_pki.h"
#include "pki/certificate.h"

namespace kops::instance {
namespace {

bool Has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(EtcdCertsTest, KopsCaNames) {
  EXPECT_EQ(EtcdManagerCaName("main"), "etcd-manager-ca-main");
  EXPECT_EQ(EtcdPeersCaName("events"), "etcd-peers-ca-events");
  EXPECT_EQ(EtcdClientsCaName("main"), "etcd-clients-ca");
  EXPECT_EQ(EtcdClientsCaName("events"), "etcd-clients-ca");
  EXPECT_EQ(EtcdClientsCaName("cilium"), "etcd-clients-ca-cilium");
}

TEST(EtcdCertsTest, MemberCertificatesFromTheClusterCas) {
  testing::TestKeystore ks;
  std::string dir = std::filesystem::temp_directory_path() /
                    ("kops-etcd-certs-" + std::to_string(::getpid()));
  Result<EtcdMemberTls> tls = WriteEtcdMemberTls(*ks.keystore, "main", "a", "127.40.1.1", dir);
  ASSERT_TRUE(tls.ok()) << tls.status().message();
  EXPECT_TRUE(tls->peer.client_cert_auth);
  EXPECT_TRUE(tls->client.client_cert_auth);
  for (const char* ca : {"etcd-manager-ca-main", "etcd-peers-ca-main", "etcd-clients-ca"})
    EXPECT_TRUE(ks.keystore->FindKeyset(ca).ok()) << ca;

  pki::Certificate peer = pki::Certificate::ParsePem(*ReadFile(tls->peer.cert_file)).value();
  EXPECT_TRUE(Has(peer.ip_addresses(), "127.40.1.1"));
  EXPECT_TRUE(Has(peer.ip_addresses(), "127.0.0.1"));
  EXPECT_EQ(peer.type(), pki::CertificateType::kClientServer);
  EXPECT_EQ(peer.issuer().common_name, "etcd-peers-ca-main");
  pki::Certificate server = pki::Certificate::ParsePem(*ReadFile(tls->client.cert_file)).value();
  EXPECT_EQ(server.issuer().common_name, "etcd-clients-ca");
  pki::Certificate client = pki::Certificate::ParsePem(tls->client_config.cert_pem).value();
  EXPECT_EQ(client.type(), pki::CertificateType::kClient);
  EXPECT_EQ(client.issuer().common_name, "etcd-clients-ca");
  EXPECT_EQ(std::filesystem::status(tls->peer.key_file).permissions() &
                std::filesystem::perms::others_read,
            std::filesystem::perms::none);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kops::instance
