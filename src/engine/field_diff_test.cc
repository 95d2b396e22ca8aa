#include "engine/field_diff.h"

#include <gtest/gtest.h>

namespace kops::engine {
namespace {

TEST(FieldDiffTest, OnlyChangedSetFieldsInExpectedOrder) {
  Fields expected{{"CIDR", "10.1.0.0/16"},
                  {"Shared", Value()},
                  {"Tags", Value::Map{{"a", "1"}}},
                  {"Zone", "us-east-1a"}};
  Fields actual{
      {"Zone", "us-east-1a"}, {"CIDR", "10.0.0.0/16"}, {"ID", "subnet-1"}, {"Shared", true}};
  auto changes = DiffFields(expected, actual);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0], (FieldChange{"CIDR", "10.0.0.0/16", "10.1.0.0/16"}));
  EXPECT_EQ(changes[1].field, "Tags");
  EXPECT_TRUE(changes[1].old_value.is_null());
}

TEST(FieldDiffTest, ReferenceMatchesTheIdItResolvesTo) {
  ReferenceResolver resolve = [](const Reference& r) -> std::optional<std::string> {
    if (r.task == "VPC/a") return "vpc-1";
    return std::nullopt;
  };
  EXPECT_TRUE(ValuesMatch(Value::Ref("VPC/a"), Value("vpc-1"), resolve));
  EXPECT_FALSE(ValuesMatch(Value::Ref("VPC/a"), Value("vpc-2"), resolve));
  EXPECT_FALSE(ValuesMatch(Value::Ref("VPC/b"), Value("vpc-1"), resolve));
  EXPECT_FALSE(ValuesMatch(Value::Ref("VPC/a"), Value("vpc-1"), nullptr));
  EXPECT_TRUE(ValuesMatch(Value(Value::List{Value::Ref("VPC/a")}),
                          Value(Value::List{Value("vpc-1")}), resolve));
  EXPECT_TRUE(ValuesMatch(Value(Value::Map{{"v", Value::Ref("VPC/a")}}),
                          Value(Value::Map{{"v", "vpc-1"}}), resolve));
  EXPECT_FALSE(ValuesMatch(Value(Value::Map{{"v", Value::Ref("VPC/a")}}),
                           Value(Value::Map{{"w", "vpc-1"}}), resolve));
}

TEST(FieldDiffTest, ObjectsCompareOnTheirSetFields) {
  Value expected(Fields{{"Size", 64}, {"Iops", Value()}});
  EXPECT_TRUE(ValuesMatch(expected, Value(Fields{{"Size", 64}, {"Iops", 3000}}), nullptr));
  EXPECT_FALSE(ValuesMatch(expected, Value(Fields{{"Size", 32}}), nullptr));
  EXPECT_FALSE(ValuesMatch(expected, Value(Value::Map{{"Size", 64}}), nullptr));
}

TEST(FieldDiffTest, CreationChangesSkipNulls) {
  auto changes = CreationChanges(Fields{{"A", 1}, {"B", Value()}, {"C", "x"}});
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0], (FieldChange{"A", Value(), 1}));
  EXPECT_EQ(changes[1].field, "C");
}

}  // namespace
}  // namespace kops::engine
