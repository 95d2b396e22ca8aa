#include "engine/text_diff.h"

#include <gtest/gtest.h>

namespace kops::engine {
namespace {

TEST(TextDiffTest, EqualTextsGiveNothing) { EXPECT_EQ(FormatTextDiff("a\nb\n", "a\nb\n"), ""); }

TEST(TextDiffTest, ShowsTwoLinesOfContextAndCollapsesTheRest) {
  std::string old_text = "1\n2\n3\n4\n5\nold\n7\n8\n9\n";
  std::string new_text = "1\n2\n3\n4\n5\nnew\n7\n8\n9\n";
  EXPECT_EQ(FormatTextDiff(old_text, new_text), "...\n  4\n  5\n- old\n+ new\n  7\n  8\n...\n");
}

TEST(TextDiffTest, InsertionsAndDeletions) {
  EXPECT_EQ(FormatTextDiff("", "a\nb"), "+ a\n+ b\n");
  EXPECT_EQ(FormatTextDiff("a\nb\n", "b\n"), "- a\n  b\n");
}

}  // namespace
}  // namespace kops::engine
