#include "pki/encoding.h"

#include <gtest/gtest.h>

namespace kops::pki {
namespace {

TEST(EncodingTest, Base64KnownVectors) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64EncodeRaw("fo"), "Zm8");
  EXPECT_EQ(Base64Encode(std::string("\xff\xfe\x00", 3)), "//4A");
}

TEST(EncodingTest, Base64DecodeRoundTripsAndIgnoresNewlines) {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  EXPECT_EQ(*Base64Decode(Base64Encode(all)), all);
  EXPECT_EQ(*Base64Decode("Zm9v\nYmFy\n"), "foobar");
  EXPECT_EQ(*Base64Decode("Zm8"), "fo");
}

TEST(EncodingTest, Base64DecodeRejectsGarbage) {
  EXPECT_EQ(Base64Decode("Zm9v*").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(Base64Decode("Zg==Zg").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(Base64Decode("Z").status().code(), Code::kInvalidArgument);
}

TEST(EncodingTest, ColonHexAndDigests) {
  EXPECT_EQ(ColonHex(std::string("\x0a\xff\x00", 3)), "0a:ff:00");
  EXPECT_EQ(ColonHex(Md5("")), "d4:1d:8c:d9:8f:00:b2:04:e9:80:09:98:ec:f8:42:7e");
  EXPECT_EQ(Sha256("").size(), 32u);
}

}  // namespace
}  // namespace kops::pki
