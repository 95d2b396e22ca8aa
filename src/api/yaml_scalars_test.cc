#include "api/yaml_scalars.h"

#include <gtest/gtest.h>

namespace kops::api {
namespace {

TEST(YamlScalarsTest, NonStringPlainScalarsNeedQuotes) {
  for (const char* s : {"~", "null", "yes", "No", "on", "OFF", "true", "FALSE", "10", "-3", "+7", "1_000",
                        "0x1F", "0o17", "0b101", "3.14", ".5", "1e10", "2.5E-3", "-.inf", ".NaN", "190:20:30",
                        "2017-01-01", "2017-01-01T00:00:00Z", "2001-12-14 21:59:43.10 -5"})
    EXPECT_TRUE(ResolvesToNonString(s)) << s;
  for (const char* s : {"", "a", "v1.32.0", "1.32.0", "172.20.0.0/16", "::/0", "0.0.0.0/0", "200m", "100Mi",
                        "us-test-1a", "etcd-1", "1a", "0x", "2017-01", "e10", ".", "-", "yesno", "10.0.0.1"})
    EXPECT_FALSE(ResolvesToNonString(s)) << s;
}

TEST(YamlScalarsTest, StringFieldsRefuseBoolsAndNumbers) {
  for (const char* s : {"true", "False", "10", "-3", "3.5", ".5", "1.5e3"}) EXPECT_TRUE(LooksNonString(s)) << s;
  for (const char* s : {"", "yes", "v1.32.0", "1.32.0", "200m", "10.0.0.1", "1e", "abc"})
    EXPECT_FALSE(LooksNonString(s)) << s;
}

}  // namespace
}  // namespace kops::api
