#include "cli/output_format.h"

#include <gtest/gtest.h>

namespace kops::cli {
namespace {

TEST(CheckOutputFlagTest, AcceptsOnlyTheListedSpellings) {
  EXPECT_TRUE(CheckOutputFlag("json", {"table", "json"}).ok());
  EXPECT_TRUE(CheckOutputFlag("yaml", {"table", "json", "yaml"}).ok());
  EXPECT_FALSE(CheckOutputFlag("JSON", {"table", "json"}).ok());
}

TEST(CheckOutputFlagTest, ErrorNamesTheFlagTheValueAndWhatIsAccepted) {
  Status two = CheckOutputFlag("yaml", {"table", "json"});
  EXPECT_EQ(two.code(), Code::kInvalidArgument);
  EXPECT_EQ(two.message(), "--output \"yaml\": want table or json");
  EXPECT_EQ(CheckOutputFlag("xml", {"table", "json", "yaml"}).message(),
            "--output \"xml\": want table, json or yaml");
}

}  // namespace
}  // namespace kops::cli
