#include "pki/ssh_key.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

namespace kops::pki {
namespace {

std::string ReadFixture(const std::string& relative) {
  std::ifstream in(std::string(KOPS_SOURCE_DIR) + "/tests/fixtures/kops/" + relative);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every kops golden with an AWS key pair: kops named it "kubernetes.<cluster>-<fp>" where
// fp is the OpenSSH MD5 fingerprint of the id_rsa.pub registered before the update.
TEST(SshKeyTest, KeyPairNameMatchesKopsGoldens) {
  struct Case {
    std::string dir, cluster;
  };
  for (const Case& c : {Case{"minimal-1.32", "minimal.example.com"}, Case{"ha", "ha.example.com"},
                        Case{"privatecalico", "privatecalico.example.com"}}) {
    SCOPED_TRACE(c.dir);
    std::string pub = ReadFixture("update_cluster/" + c.dir + "/id_rsa.pub");
    std::string tf = ReadFixture("update_cluster/" + c.dir + "/kubernetes.tf");
    ASSERT_FALSE(pub.empty());
    std::smatch m;
    ASSERT_TRUE(std::regex_search(tf, m, std::regex(R"re(key_name\s*=\s*"([^"]+)")re")));
    std::string expected_name = m[1];

    auto key = ParseSshPublicKey(pub);
    ASSERT_TRUE(key.ok()) << key.status().message();
    EXPECT_EQ(AwsKeyPairName(c.cluster, *key), expected_name);

    // The public key file name carries the fingerprint without colons.
    std::string fp = OpenSshMd5Fingerprint(*key);
    fp.erase(std::remove(fp.begin(), fp.end(), ':'), fp.end());
    EXPECT_NE(tf.find("aws_key_pair_kubernetes." + c.cluster + "-" + fp + "_public_key"),
              std::string::npos);
  }
}

TEST(SshKeyTest, RsaFingerprints) {
  auto key = ParseSshPublicKey(ReadFixture("update_cluster/minimal-1.32/id_rsa.pub"));
  ASSERT_TRUE(key.ok()) << key.status().message();
  EXPECT_EQ(key->algorithm, "ssh-rsa");
  EXPECT_EQ(key->comment, "");
  // ssh-keygen -l -E md5
  EXPECT_EQ(OpenSshMd5Fingerprint(*key), "c4:a6:ed:9a:a8:89:b9:e2:c3:9c:d6:63:eb:9c:71:57");
  // ssh-keygen -e -m PKCS8 | openssl pkey -pubin -outform DER | openssl md5 -c
  auto aws = AwsFingerprint(*key);
  ASSERT_TRUE(aws.ok()) << aws.status().message();
  EXPECT_EQ(*aws, "fb:e2:fc:44:ae:95:2f:b4:d1:b7:35:52:6b:a8:24:c1");
}

TEST(SshKeyTest, Ed25519WithComment) {
  const std::string line =
      "  ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFWLoqdMn5e17umbx5yg+y+PPdr+Fk56QdpGjxXFTt5v "
      "me@example\n";
  auto key = ParseSshPublicKey(line);
  ASSERT_TRUE(key.ok()) << key.status().message();
  EXPECT_EQ(key->algorithm, "ssh-ed25519");
  EXPECT_EQ(key->comment, "me@example");
  EXPECT_EQ(OpenSshMd5Fingerprint(*key), "6f:06:49:a6:e3:57:22:29:2b:35:1c:9a:08:87:40:41");
  EXPECT_EQ(OpenSshSha256Fingerprint(*key), "SHA256:M6eAmhYseGJY6hsBdHfTqEigfomS3wlZD+Qc24ZEAw8");
  EXPECT_EQ(*AwsFingerprint(*key), "SHA256:M6eAmhYseGJY6hsBdHfTqEigfomS3wlZD+Qc24ZEAw8");
  EXPECT_EQ(ToAuthorizedKeyLine(*key),
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFWLoqdMn5e17umbx5yg+y+PPdr+Fk56QdpGjxXFTt5v "
            "me@example");
}

TEST(SshKeyTest, EcdsaParsesButCannotBeImportedIntoAws) {
  auto key = ParseSshPublicKey(
      "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBPLARukFRYKeJoEBTO"
      "BckJbl7EYnp13P0BF3ucB2pbyvUvQrv/EiqtCCpyP7w4XkeGJqIAVDkKL7lDRqS2wnDpw=");
  ASSERT_TRUE(key.ok()) << key.status().message();
  EXPECT_EQ(OpenSshMd5Fingerprint(*key), "8c:32:ab:54:24:0e:f1:17:b1:e4:12:64:7b:5f:80:c2");
  EXPECT_EQ(AwsFingerprint(*key).status().code(), Code::kInvalidArgument);
}

TEST(SshKeyTest, RejectsMalformedLines) {
  EXPECT_EQ(ParseSshPublicKey("").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(ParseSshPublicKey("ssh-rsa").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(ParseSshPublicKey("ssh-rsa not*base64").status().code(), Code::kInvalidArgument);
  // Valid base64, but not an SSH key blob.
  EXPECT_EQ(ParseSshPublicKey("ssh-rsa aGVsbG8gd29ybGQ=").status().code(), Code::kInvalidArgument);
  // A truncated ed25519 key.
  auto bad = ParseSshPublicKey("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFWLoqdMn5e17umbx5yg");
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("ssh-ed25519"), std::string::npos)
      << bad.status().message();
}

}  // namespace
}  // namespace kops::pki
