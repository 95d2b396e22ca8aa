#include "store/keystore_keyset.h"

#include <gtest/gtest.h>

#include "base/base64.h"
#include "pki/encoding.h"
#include "pki/issue.h"
#include "store/keystore_yaml.h"

namespace kops::store {
namespace {

struct Pair {
  pki::Certificate cert;
  pki::PrivateKey key;
};

Pair MakeCa(const std::string& cn, const std::string& serial) {
  pki::PrivateKey key = *pki::PrivateKey::GenerateEcdsa();  // fast; the codec is type-agnostic
  pki::IssueRequest req;
  req.type = pki::CertificateType::kCa;
  req.subject.common_name = cn;
  req.serial = *pki::Serial::FromDecimal(serial);
  return Pair{*pki::IssueCertificate(req, key), key};
}

TEST(KeysetYamlTest, EncodesInKopsLayout) {
  Pair ca = MakeCa("kubernetes-ca", "7366017513496283926781946829");
  Keyset keyset{"kubernetes-ca",
                {KeysetItem{"7366017513496283926781946829", std::nullopt, ca.cert, ca.key}},
                "7366017513496283926781946829"};
  auto yaml = EncodeKeysetYaml(keyset);
  ASSERT_TRUE(yaml.ok()) << yaml.status().message();
  std::string expected =
      "apiVersion: kops.k8s.io/v1alpha2\n"
      "kind: Keyset\n"
      "metadata:\n"
      "  creationTimestamp: null\n"
      "  name: kubernetes-ca\n"
      "spec:\n"
      "  keys:\n"
      "  - id: \"7366017513496283926781946829\"\n"
      "    privateMaterial: " +
      Base64Encode(*ca.key.ToPem()) +
      "\n"
      "    publicMaterial: " +
      Base64Encode(*ca.cert.ToPem()) +
      "\n"
      "  primaryID: \"7366017513496283926781946829\"\n"
      "  type: Keypair\n";
  EXPECT_EQ(*yaml, expected);

  auto back = DecodeKeysetYaml(*yaml);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->name, "kubernetes-ca");
  ASSERT_NE(back->Primary(), nullptr);
  EXPECT_EQ(*back->Primary()->certificate->ToDer(), *ca.cert.ToDer());
  EXPECT_EQ(*back->Primary()->private_key->ToPem(), *ca.key.ToPem());
}

// A keyset as older kops wrote it: no primaryID, a "---" header, comments, a
// certificate-only item and a distrusted one; items out of order.
TEST(KeysetYamlTest, DecodesOlderKeysetsAndPicksNewestKeyAsPrimary) {
  Pair old_ca = MakeCa("ca", "100");
  Pair new_ca = MakeCa("ca", "2000");
  std::string yaml =
      "---\n# written by kops 1.21\n"
      "apiVersion: kops.k8s.io/v1alpha2\nkind: Keyset\nmetadata:\n  creationTimestamp: null\n"
      "  name: ca\nspec:\n  keys:\n"
      "  - id: '2000'\n    privateMaterial: " +
      Base64Encode(*new_ca.key.ToPem()) +
      "\n    publicMaterial: " + Base64Encode(*new_ca.cert.ToPem()) +
      "\n"
      "  - distrustTimestamp: \"2021-01-01T00:00:00Z\"\n    id: \"100\"\n"
      "    privateMaterial: " +
      Base64Encode(*old_ca.key.ToPem()) +
      "\n    publicMaterial: " + Base64Encode(*old_ca.cert.ToPem()) +
      "\n"
      "  - id: \"3000\"\n    publicMaterial: " +
      Base64Encode(*old_ca.cert.ToPem()) +
      "\n"
      "  type: Keypair\n";
  auto keyset = DecodeKeysetYaml(yaml);
  ASSERT_TRUE(keyset.ok()) << keyset.status().message();
  ASSERT_EQ(keyset->items.size(), 3u);
  EXPECT_EQ(keyset->items[0].id, "100");
  EXPECT_EQ(keyset->items[0].distrust_timestamp.value_or(""), "2021-01-01T00:00:00Z");
  EXPECT_EQ(keyset->items[2].id, "3000");
  EXPECT_FALSE(keyset->items[2].private_key.has_value());
  EXPECT_EQ(keyset->primary_id, "2000");

  // Re-encoding keeps the distrust timestamp, quoted as Go quotes timestamps.
  std::string again = *EncodeKeysetYaml(*keyset);
  EXPECT_NE(again.find("  - distrustTimestamp: \"2021-01-01T00:00:00Z\"\n    id: \"100\"\n"),
            std::string::npos)
      << again;
}

TEST(KeysetYamlTest, RejectsWrongObjectsAndBadMaterial) {
  EXPECT_EQ(DecodeKeysetYaml("apiVersion: v1\nkind: Secret\n").status().code(),
            Code::kInvalidArgument);
  auto bad = DecodeKeysetYaml(
      "apiVersion: kops.k8s.io/v1alpha2\nkind: Keyset\nspec:\n  keys:\n  - id: \"1\"\n"
      "    publicMaterial: bm90IGEgY2VydA==\n");
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("spec.keys[0] (id 1).publicMaterial"), std::string::npos)
      << bad.status().message();
  auto missing_primary = DecodeKeysetYaml(
      "apiVersion: kops.k8s.io/v1alpha2\nkind: Keyset\nspec:\n  primaryID: \"9\"\n");
  EXPECT_EQ(missing_primary.status().code(), Code::kInvalidArgument);
}

TEST(KeysetYamlTest, IdOrderFollowsKops) {
  EXPECT_TRUE(KeysetItemIdOlder("99", "100"));
  EXPECT_FALSE(KeysetItemIdOlder("100", "99"));
  EXPECT_TRUE(KeysetItemIdOlder("legacy", "1"));  // non-numeric ids are older
  EXPECT_TRUE(KeysetItemIdOlder("a", "b"));
}

TEST(YamlSubsetTest, ParsesNestingAndScalars) {
  auto root = ParseYamlSubset(
      "a: plain value # comment\nb: 'it''s'\nc: \"q\\\"uote\"\nd:\n  - x\n  -\n    k: v\n"
      "e:\n- m: 1\n  n: 2\nf: []\ng: null\n");
  ASSERT_TRUE(root.ok()) << root.status().message();
  EXPECT_EQ(root->Find("a")->scalar, "plain value");
  EXPECT_EQ(root->Find("b")->scalar, "it's");
  EXPECT_EQ(root->Find("c")->scalar, "q\"uote");
  ASSERT_EQ(root->Find("d")->seq.size(), 2u);
  EXPECT_EQ(root->Find("d")->seq[1].Find("k")->scalar, "v");
  ASSERT_EQ(root->Find("e")->seq.size(), 1u);
  EXPECT_EQ(root->Find("e")->seq[0].Find("n")->scalar, "2");
  EXPECT_EQ(root->Find("f")->kind, YamlNode::Kind::kSeq);
  EXPECT_EQ(root->Find("g")->kind, YamlNode::Kind::kNull);
  EXPECT_EQ(ParseYamlSubset("a: &anchor x\n").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(YamlScalar("kubernetes-ca"), "kubernetes-ca");
  EXPECT_EQ(YamlScalar("123"), "\"123\"");
  EXPECT_EQ(YamlScalar("true"), "\"true\"");
}

}  // namespace
}  // namespace kops::store
