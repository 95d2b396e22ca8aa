#include "base/strings.h"

#include <gtest/gtest.h>

namespace kops {
namespace {

TEST(StringsTest, SplitKeepsEmptyParts) {
  EXPECT_EQ(Split("a,,b", ','), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_EQ(Split("", ','), (std::vector<std::string>{""}));
  EXPECT_EQ(SplitNonEmpty(" a, ,b ", ','), (std::vector<std::string>{"a", "b"}));
}

TEST(StringsTest, ReplaceAllAndJoin) {
  EXPECT_EQ(ReplaceAll("a.b.c", ".", "-"), "a-b-c");
  EXPECT_EQ(Join({"x", "y"}, ", "), "x, y");
  EXPECT_EQ(QuoteList({"Public", "Private"}), "\"Public\", \"Private\"");
}

}  // namespace
}  // namespace kops
