#include "channels/semver.h"

#include <gtest/gtest.h>

namespace kops::channels {
namespace {

Version V(const char* s) { return Version::ParseKubernetes(s).value(); }

TEST(SemverTest, ParsesAndOrders) {
  EXPECT_EQ(V("v1.32.0").ToString(), "1.32.0");
  EXPECT_EQ(V("1.29.0-alpha.1").ToString(), "1.29.0-alpha.1");
  EXPECT_LT(V("1.29.0-alpha.1"), V("1.29.0"));
  EXPECT_LT(V("1.29.0-alpha.1"), V("1.29.0-alpha.2"));
  EXPECT_LT(V("1.29.0-alpha.2"), V("1.29.0-beta.1"));
  EXPECT_LT(V("1.9.0"), V("1.10.0"));
  EXPECT_FALSE(Version::Parse("1.2").ok());
  EXPECT_FALSE(Version::Parse("v1.2.3").ok());
  EXPECT_FALSE(Version::ParseKubernetes("latest").ok());
  EXPECT_NE(Version::ParseKubernetes("1.x").status().message().find("\"1.x\""), std::string::npos);
}

TEST(SemverTest, Ranges) {
  auto r = VersionRange::Parse(">=1.27.0 <1.32.0");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->Matches(V("1.27.0")));
  EXPECT_TRUE(r->Matches(V("1.31.9")));
  EXPECT_FALSE(r->Matches(V("1.32.0")));
  EXPECT_FALSE(r->Matches(V("1.26.9")));
  auto alpha = VersionRange::Parse(">=1.29.0-alpha.1");
  EXPECT_TRUE(alpha->Matches(V("1.29.0")));
  auto either = VersionRange::Parse("<1.11.0 || >=1.30.0");
  EXPECT_TRUE(either->Matches(V("1.10.0")));
  EXPECT_TRUE(either->Matches(V("1.30.0")));
  EXPECT_FALSE(either->Matches(V("1.20.0")));
  EXPECT_TRUE(VersionRange::Parse("1.2.3")->Matches(V("1.2.3")));
  EXPECT_FALSE(VersionRange::Parse(">=abc").ok());
}

}  // namespace
}  // namespace kops::channels
