#include "pki/encoding.h"

#include <gtest/gtest.h>

namespace kops::pki {
namespace {

TEST(EncodingTest, ColonHexAndDigests) {
  EXPECT_EQ(ColonHex(std::string("\x0a\xff\x00", 3)), "0a:ff:00");
  EXPECT_EQ(ColonHex(Md5("")), "d4:1d:8c:d9:8f:00:b2:04:e9:80:09:98:ec:f8:42:7e");
  EXPECT_EQ(Sha256("").size(), 32u);
}

}  // namespace
}  // namespace kops::pki
