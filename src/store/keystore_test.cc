#include "store/keystore.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

#include "pki/verify.h"

namespace kops::store {
namespace {

// Small RSA keys keep the tests fast; the format does not depend on the size.
KeystoreOptions FastKeys() {
  KeystoreOptions options;
  options.generate_key = [] { return pki::PrivateKey::GenerateRsa(1024); };
  return options;
}

// A fresh memfs:// URL per call, so tests stay independent under --gtest_repeat.
std::string UniqueUrl(const std::string& name) {
  static std::atomic<int> counter{0};
  return "memfs://keystore-test-" + name + "-" + std::to_string(counter++);
}

std::unique_ptr<Vfs> Open(const std::string& name) { return OpenVfs(UniqueUrl(name)).value(); }

CertificateSpec ApiServerSpec() {
  CertificateSpec spec;
  spec.name = "kubernetes-master";
  spec.type = pki::CertificateType::kServer;
  spec.subject.common_name = "kubernetes-master";
  spec.alternate_names = {"api.ha.example.com", "kubernetes.default", "100.64.0.1"};
  return spec;
}

TEST(KeystoreTest, EnsureCaCreatesOnceInKopsLayout) {
  auto vfs = Open("ensure-ca");
  Keystore keystore(*vfs, "ha.example.com", FastKeys());
  EXPECT_EQ(keystore.FindKeyset("kubernetes-ca").status().code(), Code::kNotFound);
  auto first = keystore.EnsureCA();
  ASSERT_TRUE(first.ok()) << first.status().message();
  const KeysetItem* primary = first->Primary();
  ASSERT_NE(primary, nullptr);
  EXPECT_TRUE(primary->certificate->is_ca());
  EXPECT_EQ(primary->certificate->subject().common_name, "kubernetes-ca");
  EXPECT_EQ(primary->certificate->serial()->decimal(), primary->id);

  auto raw = vfs->Read("ha.example.com/pki/private/kubernetes-ca/keyset.yaml");
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw->data.rfind("apiVersion: kops.k8s.io/v1alpha2\nkind: Keyset\n", 0), 0u);

  auto second = keystore.EnsureCA();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->primary_id, first->primary_id);
  EXPECT_EQ(vfs->Read("ha.example.com/pki/private/kubernetes-ca/keyset.yaml")->version,
            raw->version);
  EXPECT_EQ(*keystore.ListKeysets(), (std::vector<std::string>{"kubernetes-ca"}));
}

TEST(KeystoreTest, ConcurrentEnsureCaHasOneWinner) {
  const std::string url = UniqueUrl("concurrent-ca");
  constexpr int kThreads = 4;
  std::vector<std::string> ids(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i)
    threads.emplace_back([&, i] {
      auto vfs = OpenVfs(url).value();
      Keystore keystore(*vfs, "c.example.com", FastKeys());
      auto ca = keystore.EnsureCA();
      if (ca.ok()) ids[i] = ca->primary_id;
    });
  for (auto& t : threads) t.join();
  EXPECT_FALSE(ids[0].empty());
  for (const std::string& id : ids) EXPECT_EQ(id, ids[0]);
}

TEST(KeystoreTest, IssueCertIsSignedByCaAndIdempotent) {
  auto vfs = Open("issue");
  Keystore keystore(*vfs, "ha.example.com", FastKeys());
  EXPECT_EQ(keystore.IssueCert(ApiServerSpec()).status().code(), Code::kFailedPrecondition);
  auto ca = keystore.EnsureCA();
  ASSERT_TRUE(ca.ok());

  auto issued = keystore.IssueCert(ApiServerSpec());
  ASSERT_TRUE(issued.ok()) << issued.status().message();
  const pki::Certificate& cert = *issued->Primary()->certificate;
  EXPECT_TRUE(pki::VerifyIssuedBy(cert, *ca->Primary()->certificate).ok());
  EXPECT_EQ(cert.type(), pki::CertificateType::kServer);
  EXPECT_EQ(cert.ip_addresses(), (std::vector<std::string>{"100.64.0.1"}));
  std::string version = vfs->Read(keystore.KeysetPath("kubernetes-master"))->version;

  // Same request again: nothing is rewritten.
  auto again = keystore.IssueCert(ApiServerSpec());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->primary_id, issued->primary_id);
  EXPECT_EQ(vfs->Read(keystore.KeysetPath("kubernetes-master"))->version, version);

  // A new SAN: new primary, same private key, the old certificate kept.
  CertificateSpec changed = ApiServerSpec();
  changed.alternate_names.push_back("api.internal.ha.example.com");
  auto reissued = keystore.IssueCert(changed);
  ASSERT_TRUE(reissued.ok()) << reissued.status().message();
  EXPECT_NE(reissued->primary_id, issued->primary_id);
  ASSERT_EQ(reissued->items.size(), 2u);
  EXPECT_EQ(reissued->items[0].id, issued->primary_id);  // older first
  EXPECT_EQ(*reissued->Primary()->private_key->ToPem(), *issued->Primary()->private_key->ToPem());
  auto found = keystore.FindKeyset("kubernetes-master");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->primary_id, reissued->primary_id);
}

// Several organisations are one multi-valued RDN whose stored order is DER order, not
// the order asked for; a stored certificate must still count as matching.
TEST(KeystoreTest, IssueCertWithSeveralOrganizationsIsStable) {
  auto vfs = Open("orgs");
  Keystore keystore(*vfs, "c.example.com", FastKeys());
  ASSERT_TRUE(keystore.EnsureCA().ok());
  CertificateSpec spec;
  spec.name = "kubecfg";
  spec.type = pki::CertificateType::kClient;
  spec.subject = *pki::ParseSubject("cn=kubecfg,o=system:masters,o=ops");
  auto first = keystore.IssueCert(spec);
  ASSERT_TRUE(first.ok()) << first.status().message();
  auto second = keystore.IssueCert(spec);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->primary_id, first->primary_id);
  EXPECT_EQ(second->items.size(), 1u);
}

TEST(KeystoreTest, ConcurrentIssueCertAgrees) {
  const std::string url = UniqueUrl("concurrent-issue");
  {
    auto vfs = OpenVfs(url).value();
    ASSERT_TRUE(Keystore(*vfs, "c.example.com", FastKeys()).EnsureCA().ok());
  }
  constexpr int kThreads = 4;
  std::vector<std::string> ids(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i)
    threads.emplace_back([&, i] {
      auto vfs = OpenVfs(url).value();
      Keystore keystore(*vfs, "c.example.com", FastKeys());
      auto keyset = keystore.IssueCert(ApiServerSpec());
      if (keyset.ok()) ids[i] = keyset->primary_id;
    });
  for (auto& t : threads) t.join();
  EXPECT_FALSE(ids[0].empty());
  for (const std::string& id : ids) EXPECT_EQ(id, ids[0]);
}

TEST(KeystoreTest, ReadsPre122KeysetNames) {
  auto vfs = Open("legacy");
  Keystore keystore(*vfs, "old.example.com", FastKeys());
  auto ca = keystore.EnsureCA("ca");  // what kops < 1.22 called the cluster CA
  ASSERT_TRUE(ca.ok());
  auto found = keystore.FindKeyset("kubernetes-ca");
  ASSERT_TRUE(found.ok()) << found.status().message();
  EXPECT_EQ(found->primary_id, ca->primary_id);
  EXPECT_EQ(keystore.EnsureCA()->primary_id, ca->primary_id);  // no second CA is made
}

TEST(KeystoreTest, StoreKeysetChecksThePrimary) {
  auto vfs = Open("store");
  Keystore keystore(*vfs, "c.example.com", FastKeys());
  auto ca = keystore.EnsureCA();
  ASSERT_TRUE(ca.ok());
  Keyset copy = *ca;
  copy.name = "etcd-manager-ca-main";
  EXPECT_TRUE(keystore.StoreKeyset(copy).ok());
  EXPECT_EQ(keystore.FindKeyset("etcd-manager-ca-main")->primary_id, ca->primary_id);
  copy.primary_id = "42";
  EXPECT_EQ(keystore.StoreKeyset(copy).code(), Code::kInvalidArgument);
  copy.primary_id = ca->primary_id;
  copy.items[0].private_key.reset();
  EXPECT_EQ(keystore.StoreKeyset(copy).code(), Code::kInvalidArgument);
  copy.name = "a/b";
  EXPECT_EQ(keystore.StoreKeyset(copy).code(), Code::kInvalidArgument);
}

TEST(KeystoreTest, SshPublicKeysLiveUnderTheirFingerprint) {
  std::ifstream in(std::string(KOPS_SOURCE_DIR) +
                   "/tests/fixtures/kops/update_cluster/minimal-1.32/id_rsa.pub");
  std::stringstream pub;
  pub << in.rdbuf();
  auto vfs = Open("ssh");
  Keystore keystore(*vfs, "minimal.example.com", FastKeys());
  EXPECT_TRUE(keystore.ListSSHPublicKeys()->empty());
  auto fp = keystore.AddSSHPublicKey(pub.str());
  ASSERT_TRUE(fp.ok()) << fp.status().message();
  EXPECT_EQ(*fp, "c4:a6:ed:9a:a8:89:b9:e2:c3:9c:d6:63:eb:9c:71:57");
  auto raw = vfs->Read("minimal.example.com/pki/ssh/public/admin/c4a6ed9aa889b9e2c39cd663eb9c7157");
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw->data, pub.str());
  auto keys = keystore.ListSSHPublicKeys();
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_EQ(pki::AwsKeyPairName("minimal.example.com", (*keys)[0]),
            "kubernetes.minimal.example.com-c4:a6:ed:9a:a8:89:b9:e2:c3:9c:d6:63:eb:9c:71:57");
  EXPECT_EQ(keystore.AddSSHPublicKey("ssh-rsa nope").status().code(), Code::kInvalidArgument);
  ASSERT_TRUE(keystore.DeleteSSHPublicKeys().ok());
  EXPECT_TRUE(keystore.ListSSHPublicKeys()->empty());
}

}  // namespace
}  // namespace kops::store
