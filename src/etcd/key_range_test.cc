#include "etcd/key_range.h"

#include <gtest/gtest.h>

namespace kops::etcd {
namespace {

TEST(KeyRangeTest, PrefixEndIncrementsLastByte) {
  EXPECT_EQ(PrefixRangeEnd("/registry/"), "/registry0");
  EXPECT_EQ(PrefixRangeEnd("a"), "b");
  EXPECT_EQ(PrefixRangeEnd(std::string("a\xff", 2)), "b");
  EXPECT_EQ(PrefixRangeEnd(""), std::string(1, '\0'));
  EXPECT_EQ(PrefixRangeEnd("\xff\xff"), std::string(1, '\0'));
}

}  // namespace
}  // namespace kops::etcd
