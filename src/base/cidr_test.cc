#include "base/cidr.h"

#include <gtest/gtest.h>

namespace kops {
namespace {

Cidr C(const char* s) {
  auto c = Cidr::Parse(s);
  EXPECT_TRUE(c.ok()) << s << ": " << c.status().message();
  return c.ok() ? *c : Cidr();
}

TEST(CidrTest, ParsesAndFormatsIPv4) {
  EXPECT_EQ(C("172.20.0.0/16").ToString(), "172.20.0.0/16");
  EXPECT_EQ(C("10.0.0.1/8").Network().ToString(), "10.0.0.0/8");
  EXPECT_FALSE(C("10.0.0.1/8").IsNetwork());
  EXPECT_EQ(C("0.0.0.0/0").Size(), uint128(1) << 32);
  EXPECT_EQ(C("10.0.0.0/24").Last().ToString(), "10.0.0.255");
}

TEST(CidrTest, RejectsMalformed) {
  for (const char* bad : {"", "10.0.0.0", "10.0.0/8", "10.0.0.256/8", "10.0.0.0/33",
                          "10.0.0.0/-1", "10.0.0.0/", "a.b.c.d/8", "01.0.0.0/8", "::/129",
                          "1:2:3:4:5:6:7:8:9/64", "1::2::3/64", "10.0.0.0/08"}) {
    auto c = Cidr::Parse(bad);
    EXPECT_FALSE(c.ok()) << bad;
    if (!c.ok()) {
      EXPECT_NE(c.status().message().find(std::string("\"") + bad + "\""), std::string::npos);
    }
  }
  EXPECT_FALSE(IsValidCidr("nope"));
  EXPECT_TRUE(IsValidCidr("::/0"));
}

TEST(CidrTest, ParsesAndFormatsIPv6LikeGo) {
  EXPECT_EQ(C("2001:db8::/56").ToString(), "2001:db8::/56");
  EXPECT_EQ(C("2001:0DB8:0:0:1:0:0:1/128").ToString(), "2001:db8::1:0:0:1/128");
  EXPECT_EQ(C("::/0").ToString(), "::/0");
  EXPECT_EQ(C("::1/128").ToString(), "::1/128");
  EXPECT_EQ(C("1:0:2:0:3:0:4:0/128").ToString(), "1:0:2:0:3:0:4:0/128");
  EXPECT_EQ(C("fe80::/10").Last().ToString(), "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
  EXPECT_EQ(C("::ffff:1.2.3.4/128").address().value() & 0xffffffff, 0x01020304u);
  EXPECT_EQ(C("::/0").Size(), ~uint128(0));
}

TEST(CidrTest, ContainsAndOverlaps) {
  EXPECT_TRUE(C("10.0.0.0/8").Contains(C("10.1.0.0/16")));
  EXPECT_FALSE(C("10.1.0.0/16").Contains(C("10.0.0.0/8")));
  EXPECT_TRUE(C("10.0.0.0/8").Overlaps(C("10.1.0.0/16")));
  EXPECT_TRUE(C("10.1.0.0/16").Overlaps(C("10.0.0.0/8")));
  EXPECT_FALSE(C("10.0.0.0/16").Overlaps(C("10.1.0.0/16")));
  EXPECT_FALSE(C("10.0.0.0/8").Overlaps(C("::/0")));
  EXPECT_TRUE(C("2001:db8::/32").Contains(C("2001:db8:1::/48")));
  auto ip = IPAddress::Parse("172.20.64.1");
  ASSERT_TRUE(ip.ok());
  EXPECT_TRUE(C("172.20.64.0/18").Contains(*ip));
  EXPECT_FALSE(C("172.20.0.0/18").Contains(*ip));
}

TEST(CidrTest, SplitsIntoEqualParts) {
  auto parts = C("172.20.0.0/16").Split(2);
  ASSERT_TRUE(parts.ok());
  std::vector<std::string> s;
  for (auto& p : *parts) s.push_back(p.ToString());
  EXPECT_EQ(s, (std::vector<std::string>{"172.20.0.0/18", "172.20.64.0/18", "172.20.128.0/18",
                                         "172.20.192.0/18"}));
  auto v6 = C("2001:db8::/56").Split(8);
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->size(), 256u);
  EXPECT_EQ((*v6)[1].ToString(), "2001:db8:0:1::/64");
  EXPECT_FALSE(C("10.0.0.0/31").Split(2).ok());
  EXPECT_EQ(C("10.0.0.0/16").Split(0)->front().ToString(), "10.0.0.0/16");
}

TEST(CidrTest, SubnetAndNext) {
  EXPECT_EQ(C("10.0.0.0/16").Subnet(8, 3)->ToString(), "10.0.3.0/24");
  EXPECT_FALSE(C("10.0.0.0/16").Subnet(8, 256).ok());
  EXPECT_FALSE(C("10.0.0.0/30").Subnet(3, 0).ok());
  EXPECT_EQ(C("10.0.0.0/24").Next()->ToString(), "10.0.1.0/24");
  EXPECT_FALSE(C("255.255.255.0/24").Next().ok());
  EXPECT_EQ(C("2001:db8::/64").Next()->ToString(), "2001:db8:0:1::/64");
}

TEST(CidrTest, Ordering) {
  EXPECT_LT(C("10.0.0.0/16"), C("10.1.0.0/16"));
  EXPECT_LT(C("10.0.0.0/8"), C("10.0.0.0/16"));
  EXPECT_EQ(C("10.0.0.0/8"), C("10.0.0.0/8"));
}

}  // namespace
}  // namespace kops
