#include <gtest/gtest.h>

#include "pki/serial.h"
#include "pki/subject.h"

namespace kops::pki {
namespace {

TEST(SerialTest, FromTimestampShiftsTimeAbove32RandomBits) {
  // 1 << 32 = 4294967296; the random part adds less than that.
  Serial s = Serial::FromTimestamp(1);
  EXPECT_FALSE(Serial::DecimalLess(s.decimal(), "4294967296"));
  EXPECT_TRUE(Serial::DecimalLess(s.decimal(), "8589934592"));
  // Later timestamps always compare higher.
  Serial a = Serial::FromTimestamp(1'700'000'000'000'000'000);
  Serial b = Serial::FromTimestamp(1'700'000'000'000'000'001);
  EXPECT_TRUE(a < b);
  EXPECT_EQ(a.decimal().size(), 28u);  // 1.7e18 * 2^32 ~ 7.3e27
}

TEST(SerialTest, Random128IsBelowTwoTo128) {
  for (int i = 0; i < 20; ++i) {
    Serial s = Serial::Random128();
    EXPECT_TRUE(Serial::DecimalLess(s.decimal(), "340282366920938463463374607431768211456"));
  }
  EXPECT_FALSE(Serial::Random128() == Serial::Random128());
}

TEST(SerialTest, DecimalParsingAndAsn1RoundTrip) {
  auto s = Serial::FromDecimal("000237054359138908419352140518924933177492");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->decimal(), "237054359138908419352140518924933177492");
  ASN1_INTEGER* asn1 = s->ToAsn1();
  ASSERT_NE(asn1, nullptr);
  auto back = Serial::FromAsn1(asn1);
  ASN1_INTEGER_free(asn1);
  EXPECT_EQ(back->decimal(), s->decimal());
  EXPECT_EQ(Serial::FromDecimal("12a").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(Serial::FromDecimal("").status().code(), Code::kInvalidArgument);
  EXPECT_TRUE(Serial::DecimalLess("99", "100"));
  EXPECT_FALSE(Serial::DecimalLess("100", "100"));
}

TEST(SubjectTest, ParsesKopsSubjectText) {
  auto s = ParseSubject("cn=kubelet, O=system:nodes,o=extra");
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->common_name, "kubelet");
  EXPECT_EQ(s->organizations, (std::vector<std::string>{"system:nodes", "extra"}));
  EXPECT_EQ(SubjectToString(*s), "o=system:nodes,o=extra,cn=kubelet");
}

TEST(SubjectTest, RejectsUnknownKeysAndBareTokens) {
  auto bad_key = ParseSubject("cn=a,ou=b");
  EXPECT_EQ(bad_key.status().code(), Code::kInvalidArgument);
  EXPECT_NE(bad_key.status().message().find("accepted: cn, o"), std::string::npos);
  EXPECT_EQ(ParseSubject("kubelet").status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace kops::pki
