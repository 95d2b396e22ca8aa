#include "ops/ha_suggest.h"

#include <gtest/gtest.h>

namespace kops::ops {
namespace {

using Kind = LayoutStep::Kind;
using Strings = std::vector<std::string>;

std::vector<PlacedMember> In(const Strings& zones) {
  std::vector<PlacedMember> out;
  for (size_t i = 0; i < zones.size(); ++i) out.push_back({"m" + std::to_string(i + 1), "cp-" + std::to_string(i + 1), zones[i]});
  return out;
}

TEST(SmallestQuorumFixTest, NothingToDoWhenNoZoneLossBreaksQuorum) {
  EXPECT_FALSE(SmallestQuorumFix(In({"a", "b", "c"}), {"a", "b", "c"}).needed);
  EXPECT_FALSE(SmallestQuorumFix(In({"a", "b", "c", "a", "b"}), {"a", "b", "c"}).needed);
  EXPECT_FALSE(SmallestQuorumFix({}, {"a"}).needed);
}

TEST(SmallestQuorumFixTest, OneMoveBeatsTwoAdditions) {
  LayoutFix fix = SmallestQuorumFix(In({"a", "a", "b"}), {"a", "b", "c"});
  ASSERT_TRUE(fix.needed);
  EXPECT_EQ(fix.moves, 1);
  EXPECT_EQ(fix.additions, 0);
  ASSERT_EQ(fix.steps.size(), 1u);
  EXPECT_EQ(fix.steps[0], (LayoutStep{Kind::kMove, "m2", "cp-2", "a", "c"}));
}

TEST(SmallestQuorumFixTest, MovesTheLastMembersOfTheFullZoneToTheRoomiestZones) {
  // 5 members, 4 in a: each zone may hold 2; a sheds m4 and m5, to b then c.
  LayoutFix fix = SmallestQuorumFix(In({"a", "a", "b", "a", "a"}), {"a", "b", "c"});
  EXPECT_EQ(fix.moves, 2);
  ASSERT_EQ(fix.steps.size(), 2u);
  EXPECT_EQ(fix.steps[0], (LayoutStep{Kind::kMove, "m4", "cp-4", "a", "c"}));
  EXPECT_EQ(fix.steps[1], (LayoutStep{Kind::kMove, "m5", "cp-5", "a", "b"}));
}

TEST(SmallestQuorumFixTest, EvenCountsGrowByOne) {
  LayoutFix fix = SmallestQuorumFix(In({"a", "b", "c", "a"}), {"a", "b", "c"});
  EXPECT_EQ(fix.moves, 0);
  EXPECT_EQ(fix.additions, 1);
  ASSERT_EQ(fix.steps.size(), 1u);
  EXPECT_EQ(fix.steps[0].kind, Kind::kAdd);
  EXPECT_EQ(fix.steps[0].to_zone, "b");
}

TEST(SmallestQuorumFixTest, FewerThanThreeZonesNameTheMissingOnes) {
  LayoutFix fix = SmallestQuorumFix(In({"eu-1a", "eu-1b"}), {"eu-1a", "eu-1b"});
  ASSERT_GE(fix.steps.size(), 2u);
  EXPECT_EQ(fix.steps[0], (LayoutStep{Kind::kAddZone, "", "", "", "eu-1c"}));
  EXPECT_EQ(fix.additions, 1);  // 2 → 3 members, one per zone
  EXPECT_EQ(fix.steps[1], (LayoutStep{Kind::kAdd, "", "", "", "eu-1c"}));

  fix = SmallestQuorumFix(In({"x"}), {"x"});
  EXPECT_EQ(fix.steps[0].to_zone, "a");  // a one-letter zone: the first unused letter
}

TEST(NextZoneNamesTest, FollowsTheZoneLetterPattern) {
  EXPECT_EQ(NextZoneNames({"us-test-1a", "us-test-1b"}, 1), Strings{"us-test-1c"});
  EXPECT_EQ(NextZoneNames({"local-b"}, 2), (Strings{"local-a", "local-c"}));
  EXPECT_EQ(NextZoneNames({"zone1"}, 2), (Strings{"zone1-extra-1", "zone1-extra-2"}));
}

}  // namespace
}  // namespace kops::ops
