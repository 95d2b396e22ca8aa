#include "base/base64.h"

#include <gtest/gtest.h>

namespace kops {
namespace {

TEST(Base64Test, EncodesRfc4648Vectors) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("foob"), "Zm9vYg==");
  EXPECT_EQ(Base64Encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
}

TEST(Base64Test, RoundTripsEveryByte) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (size_t n = 0; n <= all.size(); n += 37) {
    std::string part = all.substr(0, n);
    Result<std::string> back = Base64Decode(Base64Encode(part));
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(*back, part);
  }
}

TEST(Base64Test, DecodesUnpadded) {
  EXPECT_EQ(*Base64Decode("Zm8"), "fo");
  EXPECT_EQ(*Base64Decode("Zg"), "f");
}

TEST(Base64Test, RejectsForeignCharactersNamingTheOffset) {
  Result<std::string> r = Base64Decode("Zm9v!A==");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("offset 4"), std::string::npos);
  EXPECT_FALSE(Base64Decode("Z").ok());
}

TEST(Base64Test, Base64KnownVectors) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64EncodeRaw("fo"), "Zm8");
  EXPECT_EQ(Base64Encode(std::string("\xff\xfe\x00", 3)), "//4A");
}

TEST(Base64Test, Base64DecodeRoundTripsAndIgnoresNewlines) {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  EXPECT_EQ(*Base64Decode(Base64Encode(all)), all);
  EXPECT_EQ(*Base64Decode("Zm9v\nYmFy\n"), "foobar");
  EXPECT_EQ(*Base64Decode("Zm8"), "fo");
}

TEST(Base64Test, Base64DecodeRejectsGarbage) {
  EXPECT_EQ(Base64Decode("Zm9v*").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(Base64Decode("Zg==Zg").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(Base64Decode("Z").status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace kops
