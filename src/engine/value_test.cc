#include "engine/value.h"

#include <gtest/gtest.h>

namespace kops::engine {
namespace {

TEST(ValueTest, PrintsLikeKops) {
  EXPECT_EQ(Value().ToString(), "<nil>");
  EXPECT_EQ(Value("10.0.0.0/16").ToString(), "10.0.0.0/16");
  EXPECT_EQ(Value(3).ToString(), "3");
  EXPECT_EQ(Value(int64_t{1} << 40).ToString(), "1099511627776");
  EXPECT_EQ(Value(true).ToString(), "true");
  EXPECT_EQ(Value::Strings({"a", "b"}).ToString(), "[a, b]");
  EXPECT_EQ(Value(Value::Map{{"b", "2"}, {"a", 1}}).ToString(), "{a: 1, b: 2}");
  EXPECT_EQ(Value::Ref("VPC/ha.example.com").ToString(), "name:ha.example.com");
  EXPECT_EQ(Value::Ref("LoadBalancer/api", "dns_name").ToString(), "name:api.dns_name");
  EXPECT_EQ(Value::File("#!/bin/bash\n").ToString(), "<resource>");
}

TEST(ValueTest, TypesAndAccess) {
  Value v("x");
  EXPECT_EQ(v.type(), Value::Type::kString);
  ASSERT_NE(v.get_if<std::string>(), nullptr);
  EXPECT_EQ(*v.get_if<std::string>(), "x");
  EXPECT_EQ(v.get_if<int64_t>(), nullptr);
  EXPECT_EQ(Value(7u).type(), Value::Type::kInt);
  EXPECT_EQ(Value(false).type(), Value::Type::kBool);
  EXPECT_TRUE(Value().is_null());
  EXPECT_EQ(Value::File("a").get_if<FileContent>()->contents, "a");
}

TEST(ValueTest, EqualityIsDeep) {
  EXPECT_EQ(Value::Strings({"a"}), Value::Strings({"a"}));
  EXPECT_NE(Value::Strings({"a"}), Value::Strings({"b"}));
  EXPECT_NE(Value("1"), Value(1));
  EXPECT_EQ(Value::Ref("VPC/a"), Value::Ref("VPC/a", "id"));
  EXPECT_NE(Value::Ref("VPC/a"), Value::Ref("VPC/b"));
}

TEST(ValueTest, CollectsNestedReferences) {
  Value v(
      Value::List{Value::Ref("Subnet/a"), Value(Value::Map{{"vpc", Value::Ref("VPC/x", "cidr")}})});
  std::vector<Reference> refs;
  v.CollectReferences(&refs);
  ASSERT_EQ(refs.size(), 2u);
  EXPECT_EQ(refs[0].task, "Subnet/a");
  EXPECT_EQ(refs[1].attribute, "cidr");
}

TEST(ValueTest, NestedObjectsKeepFieldOrder) {
  Value block(Fields{{"VolumeType", "gp3"}, {"Iops", Value()}, {"VolumeSize", 64}});
  EXPECT_EQ(block.type(), Value::Type::kObject);
  EXPECT_EQ(block.ToString(), "{VolumeType: gp3, VolumeSize: 64}");
  Fields f{{"Profile", Fields{{"Role", Value::Ref("IAMRole/masters")}}}};
  ASSERT_EQ(f.References().size(), 1u);
  EXPECT_EQ(f.References()[0].task, "IAMRole/masters");
}

TEST(FieldsTest, KeepsInsertionOrderAndFirstPosition) {
  Fields f{{"Name", "a"}, {"CIDR", "10.0.0.0/16"}};
  f.Set("Tags", Value::Map{}).Set("Name", "b");
  std::vector<std::string> names;
  for (const auto& [name, value] : f) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{"Name", "CIDR", "Tags"}));
  EXPECT_EQ(*f.Find("Name"), Value("b"));
  EXPECT_EQ(f.Find("Missing"), nullptr);
}

TEST(NameOfKeyTest, StripsKind) {
  EXPECT_EQ(NameOfKey("VPC/ha.example.com"), "ha.example.com");
  EXPECT_EQ(NameOfKey("Keypair/a/b"), "a/b");
  EXPECT_EQ(NameOfKey("plain"), "plain");
}

}  // namespace
}  // namespace kops::engine
