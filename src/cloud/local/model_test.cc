#include "cloud/local/model.h"

#include <gtest/gtest.h>

namespace kops::cloud::local {
namespace {

TEST(ModelTest, ClusterIdSeparatesStores) {
  EXPECT_NE(ClusterId("file:///a", "ha.local"), ClusterId("file:///b", "ha.local"));
  EXPECT_EQ(ClusterId("file:///a", "ha.local").rfind("ha.local-", 0), 0u);
  EXPECT_EQ(GroupKey("c", "nodes"), "c/nodes");
}

TEST(ModelTest, LaunchSpecHashChangesWithAnyField) {
  LaunchSpec a;
  a.argv = {"/bin/x", "--y"};
  a.env = {{"A", "1"}};
  std::string h = LaunchSpecHash(a);
  EXPECT_EQ(h.size(), 16u);
  EXPECT_EQ(h, LaunchSpecHash(a));
  LaunchSpec b = a;
  b.argv = {"/bin/x--y"};
  EXPECT_NE(h, LaunchSpecHash(b));
  b = a;
  b.env["A"] = "2";
  EXPECT_NE(h, LaunchSpecHash(b));
  b = a;
  b.working_dir = "/tmp";
  EXPECT_NE(h, LaunchSpecHash(b));
}

TEST(ModelTest, MillisRoundTrip) {
  Clock::TimePoint t = Clock::TimePoint{} + std::chrono::milliseconds(123456);
  EXPECT_EQ(ToMillis(t), 123456);
  EXPECT_EQ(FromMillis(123456), t);
}

TEST(ModelTest, InstanceStateNames) {
  InstanceState s;
  ASSERT_TRUE(ParseInstanceState("terminating", &s));
  EXPECT_EQ(s, InstanceState::kTerminating);
  EXPECT_FALSE(ParseInstanceState("stopped", &s));
}

TEST(ModelTest, ZoneUpDefaultsToUpForUnknownZones) {
  CloudState s;
  EXPECT_TRUE(s.ZoneUp("c", "z"));
  s.zones.push_back({"c", "z", 5, false});
  EXPECT_FALSE(s.ZoneUp("c", "z"));
  EXPECT_TRUE(s.ZoneUp("d", "z"));
}

}  // namespace
}  // namespace kops::cloud::local
