#include "pki/private_key.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "base/strings.h"

namespace kops::pki {
namespace {

TEST(PrivateKeyTest, RsaDefaultIs2048BitsInPkcs1Pem) {
  auto key = PrivateKey::GenerateRsa();
  ASSERT_TRUE(key.ok()) << key.status().message();
  EXPECT_EQ(key->algorithm(), KeyAlgorithm::kRsa);
  EXPECT_EQ(key->bits(), 2048);
  auto pem = key->ToPem();
  ASSERT_TRUE(pem.ok());
  EXPECT_TRUE(StartsWith(*pem, "-----BEGIN RSA PRIVATE KEY-----\n")) << *pem;
  EXPECT_TRUE(EndsWith(*pem, "-----END RSA PRIVATE KEY-----\n"));

  auto parsed = PrivateKey::ParsePem(*pem);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(*parsed->ToPem(), *pem);
  EXPECT_EQ(*parsed->PublicKeyDer(), *key->PublicKeyDer());
}

TEST(PrivateKeyTest, EcdsaUsesSec1Pem) {
  auto key = PrivateKey::GenerateEcdsa();
  ASSERT_TRUE(key.ok()) << key.status().message();
  EXPECT_EQ(key->algorithm(), KeyAlgorithm::kEcdsa);
  EXPECT_EQ(key->bits(), 256);
  std::string pem = *key->ToPem();
  EXPECT_TRUE(StartsWith(pem, "-----BEGIN EC PRIVATE KEY-----\n")) << pem;
  auto parsed = PrivateKey::ParsePem(pem);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->algorithm(), KeyAlgorithm::kEcdsa);
  EXPECT_EQ(*parsed->PublicKeyDer(), *key->PublicKeyDer());
}

// A PKCS#8 key (as `openssl genpkey` writes), after an unrelated block that is skipped.
TEST(PrivateKeyTest, ParsesPkcs8AfterOtherBlocks) {
  const std::string pem =
      "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"
      "-----BEGIN PRIVATE KEY-----\n"
      "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgyMUsVsAjuhWb1xkD\n"
      "zoCfwitlqahCGDWKAACrE6uACqShRANCAASxA+ChFVzOO/0gNyyNUxLLAZJHnYV5\n"
      "VNQOVRIJtePa/GUs8S100nXPFwKs5aO+IyuFzLlZhb6Qi0PP1Kg61XD6\n"
      "-----END PRIVATE KEY-----\n";
  auto key = PrivateKey::ParsePem(pem);
  ASSERT_TRUE(key.ok()) << key.status().message();
  EXPECT_EQ(key->algorithm(), KeyAlgorithm::kEcdsa);
  EXPECT_TRUE(StartsWith(*key->ToPem(), "-----BEGIN EC PRIVATE KEY-----"));
}

TEST(PrivateKeyTest, RejectsMissingOrCorruptKeys) {
  EXPECT_EQ(PrivateKey::ParsePem("").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(PrivateKey::ParsePem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
                .status()
                .code(),
            Code::kInvalidArgument);
  auto corrupt = PrivateKey::ParsePem(
      "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
  EXPECT_EQ(corrupt.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(PrivateKey::GenerateRsa(512).status().code(), Code::kInvalidArgument);
}

TEST(PrivateKeyTest, DefaultHonoursKopsKeySizeVariable) {
  ::setenv("KOPS_RSA_PRIVATE_KEY_SIZE", "1024", 1);
  auto key = PrivateKey::GenerateDefault();
  ::setenv("KOPS_RSA_PRIVATE_KEY_SIZE", "lots", 1);
  auto bad = PrivateKey::GenerateDefault();
  ::unsetenv("KOPS_RSA_PRIVATE_KEY_SIZE");
  ASSERT_TRUE(key.ok()) << key.status().message();
  EXPECT_EQ(key->bits(), 1024);
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("KOPS_RSA_PRIVATE_KEY_SIZE=lots"), std::string::npos);
}

}  // namespace
}  // namespace kops::pki
