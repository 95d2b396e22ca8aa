#include "pki/issue.h"

#include <gtest/gtest.h>

#include "pki/verify.h"

namespace kops::pki {
namespace {

using std::chrono::hours;
using std::chrono::system_clock;

// One CA and one RSA key for the whole suite: RSA generation is the slow part.
class IssueTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ca_key_ = new PrivateKey(*PrivateKey::GenerateRsa(2048));
    leaf_key_ = new PrivateKey(*PrivateKey::GenerateRsa(2048));
    IssueRequest req;
    req.type = CertificateType::kCa;
    req.subject.common_name = "kubernetes-ca";
    req.serial = Serial::FromTimestamp(1'600'000'000'000'000'000);
    ca_ = new Certificate(*IssueCertificate(req, *ca_key_));
  }
  static void TearDownTestSuite() {
    delete ca_;
    delete ca_key_;
    delete leaf_key_;
  }
  static Signer CaSigner() { return Signer{ca_, ca_key_}; }

  static PrivateKey* ca_key_;
  static PrivateKey* leaf_key_;
  static Certificate* ca_;
};
PrivateKey* IssueTest::ca_key_ = nullptr;
PrivateKey* IssueTest::leaf_key_ = nullptr;
Certificate* IssueTest::ca_ = nullptr;

TEST_F(IssueTest, SelfSignedCa) {
  EXPECT_TRUE(ca_->is_ca());
  EXPECT_EQ(ca_->type(), CertificateType::kCa);
  EXPECT_EQ(ca_->subject().common_name, "kubernetes-ca");
  EXPECT_EQ(ca_->issuer(), ca_->subject());
  EXPECT_TRUE(ca_->MatchesKey(*ca_key_));
  EXPECT_FALSE(ca_->MatchesKey(*leaf_key_));
  EXPECT_EQ(ca_->serial()->decimal().size(), 28u);  // 1.6e18 << 32 has 28 digits
  EXPECT_TRUE(VerifyIssuedBy(*ca_, *ca_).ok());
}

TEST_F(IssueTest, ServerCertificateWithSansAndKopsValidity) {
  auto now = system_clock::from_time_t(system_clock::to_time_t(system_clock::now()));
  IssueRequest req;
  req.type = CertificateType::kServer;
  req.subject = *ParseSubject("cn=kubernetes-master");
  req.alternate_names = {"api.ha.example.com", " 10.0.0.1 ", "", "kubernetes.default", "fd00::1"};
  req.serial = *Serial::FromDecimal("1234567890123456789012345");
  req.now = now;
  auto cert = IssueCertificate(req, *leaf_key_, CaSigner());
  ASSERT_TRUE(cert.ok()) << cert.status().message();
  EXPECT_FALSE(cert->is_ca());
  EXPECT_EQ(cert->type(), CertificateType::kServer);
  EXPECT_EQ(cert->issuer().common_name, "kubernetes-ca");
  EXPECT_EQ(cert->serial()->decimal(), "1234567890123456789012345");
  EXPECT_EQ(cert->dns_names(),
            (std::vector<std::string>{"api.ha.example.com", "kubernetes.default"}));
  EXPECT_EQ(cert->ip_addresses(), (std::vector<std::string>{"10.0.0.1", "fd00::1"}));
  EXPECT_EQ(cert->not_before(), now - hours(48));
  EXPECT_EQ(cert->not_after(), now + hours(24 * 365 * 10));
  EXPECT_TRUE(VerifyIssuedBy(*cert, *ca_, now).ok());
  // Outside its validity it no longer verifies.
  Status expired = VerifyIssuedBy(*cert, *ca_, now + hours(24 * 365 * 11));
  EXPECT_EQ(expired.code(), Code::kFailedPrecondition);
  EXPECT_NE(expired.message().find("expired"), std::string::npos) << expired.message();
}

TEST_F(IssueTest, ClientAndClientServerTypesAndOrganizations) {
  IssueRequest req;
  req.type = CertificateType::kClient;
  req.subject = *ParseSubject("cn=kubecfg,o=system:masters,o=ops");
  auto client = IssueCertificate(req, *leaf_key_, CaSigner());
  ASSERT_TRUE(client.ok()) << client.status().message();
  EXPECT_EQ(client->type(), CertificateType::kClient);
  EXPECT_EQ(client->subject(), req.subject);
  EXPECT_TRUE(client->dns_names().empty());

  req.type = CertificateType::kClientServer;
  req.validity = hours(24);
  auto both = IssueCertificate(req, *leaf_key_, CaSigner());
  ASSERT_TRUE(both.ok()) << both.status().message();
  EXPECT_EQ(both->type(), CertificateType::kClientServer);
  EXPECT_EQ(both->not_after() - both->not_before(), hours(72));
}

TEST_F(IssueTest, PemRoundTripKeepsTheCertificate) {
  auto pem = ca_->ToPem();
  ASSERT_TRUE(pem.ok());
  EXPECT_EQ(pem->rfind("-----BEGIN CERTIFICATE-----\n", 0), 0u);
  auto parsed = Certificate::ParsePem("junk before\n" + *pem);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(*parsed->ToDer(), *ca_->ToDer());
  EXPECT_EQ(*parsed->ToPem(), *pem);
  EXPECT_EQ(Certificate::ParsePem("nothing").status().code(), Code::kInvalidArgument);
}

TEST_F(IssueTest, DoesNotVerifyAgainstAnotherCa) {
  auto other_key = PrivateKey::GenerateEcdsa();
  IssueRequest req;
  req.type = CertificateType::kCa;
  req.subject.common_name = "kubernetes-ca";  // same name, different key
  auto other_ca = IssueCertificate(req, *other_key);
  ASSERT_TRUE(other_ca.ok()) << other_ca.status().message();
  EXPECT_EQ(other_ca->type(), CertificateType::kCa);

  req.type = CertificateType::kServer;
  req.subject.common_name = "etcd";
  auto cert = IssueCertificate(req, *leaf_key_, Signer{&*other_ca, &*other_key});
  ASSERT_TRUE(cert.ok()) << cert.status().message();
  EXPECT_TRUE(VerifyIssuedBy(*cert, *other_ca).ok());
  EXPECT_EQ(VerifyIssuedBy(*cert, *ca_).code(), Code::kFailedPrecondition);
}

TEST_F(IssueTest, RejectsBadRequests) {
  IssueRequest req;
  req.subject.common_name = "kubelet";
  req.type = CertificateType::kClient;
  EXPECT_EQ(IssueCertificate(req, *leaf_key_).status().code(), Code::kInvalidArgument);
  // Key that does not belong to the CA.
  EXPECT_EQ(IssueCertificate(req, *leaf_key_, Signer{ca_, leaf_key_}).status().code(),
            Code::kFailedPrecondition);
  // A non-CA signer.
  auto leaf = IssueCertificate(req, *leaf_key_, CaSigner());
  EXPECT_EQ(IssueCertificate(req, *leaf_key_, Signer{&*leaf, leaf_key_}).status().code(),
            Code::kFailedPrecondition);
  req.subject = {};
  EXPECT_EQ(IssueCertificate(req, *leaf_key_, CaSigner()).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(ParseCertificateType("peer").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(*ParseCertificateType("clientServer"), CertificateType::kClientServer);
}

}  // namespace
}  // namespace kops::pki
