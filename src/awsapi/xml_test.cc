#include "awsapi/xml.h"

#include "gtest/gtest.h"

namespace kops::awsapi {
namespace {

TEST(Xml, ParsesAnS3ListingWithNamespacesAndEntities) {
  auto doc = ParseXml(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\n"
      "  <Name>b</Name><IsTruncated>true</IsTruncated>\n"
      "  <Contents><Key>a &amp; b/&#x41;&#66;</Key><ETag>&quot;e1&quot;</ETag></Contents>\n"
      "  <!-- comment -->\n"
      "  <Contents><Key><![CDATA[c<d>]]></Key></Contents>\n"
      "  <s3:NextContinuationToken>tok</s3:NextContinuationToken>\n"
      "</ListBucketResult>");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->name, "ListBucketResult");
  ASSERT_EQ(doc->attributes.size(), 1u);
  EXPECT_EQ(doc->ChildText("IsTruncated"), "true");
  auto contents = doc->Children("Contents");
  ASSERT_EQ(contents.size(), 2u);
  EXPECT_EQ(contents[0]->ChildText("Key"), "a & b/AB");
  EXPECT_EQ(contents[0]->ChildText("ETag"), "\"e1\"");
  EXPECT_EQ(contents[1]->ChildText("Key"), "c<d>");
  EXPECT_EQ(doc->ChildText("NextContinuationToken"), "tok");
  EXPECT_EQ(doc->ChildText("Missing"), "");
}

TEST(Xml, FindFollowsAPathAndSelfClosingElementsAreEmpty) {
  auto doc = ParseXml("<R><Errors><Error><Code>X</Code><Empty/></Error></Errors></R>");
  ASSERT_TRUE(doc.ok());
  ASSERT_NE(doc->Find("Errors/Error"), nullptr);
  EXPECT_EQ(doc->Find("Errors/Error")->ChildText("Code"), "X");
  EXPECT_EQ(doc->Find("Errors/Error/Empty")->text, "");
  EXPECT_EQ(doc->Find("Errors/Nope"), nullptr);
}

TEST(Xml, MalformedInputIsAnErrorWithOffset) {
  for (const char* bad : {"", "<a>", "<a></b>", "<a>&bogus;</a>", "<a x=1/>", "<a/><b/>"}) {
    auto doc = ParseXml(bad);
    ASSERT_FALSE(doc.ok()) << bad;
    EXPECT_EQ(doc.status().code(), Code::kInvalidArgument);
    EXPECT_NE(doc.status().message().find("byte"), std::string::npos);
  }
}

}  // namespace
}  // namespace kops::awsapi
