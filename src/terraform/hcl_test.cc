#include "terraform/hcl.h"

#include <gtest/gtest.h>

namespace kops::terraform {
namespace {

TEST(QuoteString, EscapesQuotesBackslashesNewlinesAndTemplates) {
  EXPECT_EQ(QuoteString("a\"b\\c\nd"), R"("a\"b\\c\nd")");
  EXPECT_EQ(QuoteString("${x} %{y} $z 100%"), R"("$${x} %%{y} $z 100%")");
  EXPECT_EQ(QuoteString(std::string("\x01", 1)), R"("\u0001")");
}

TEST(WriteExpr, Scalars) {
  EXPECT_EQ(WriteExpr(Expr()), "null");
  EXPECT_EQ(WriteExpr(Expr::Number(-3)), "-3");
  EXPECT_EQ(WriteExpr(Expr::Bool(true)), "true");
  EXPECT_EQ(WriteExpr(Expr::RawText("aws_vpc.x.id")), "aws_vpc.x.id");
  EXPECT_EQ(WriteExpr(Expr::ListOf({Expr::String("a"), Expr::RawText("aws.files")})),
            R"(["a", aws.files])");
  EXPECT_EQ(WriteExpr(Expr::ListOf({})), "[]");
  EXPECT_EQ(WriteExpr(Expr::MapOf({})), "{}");
}

// The layout of kops' golden: aligned runs, maps and blocks breaking the runs.
TEST(WriteFile, MatchesKopsLayout) {
  Body body;
  body.Add("availability_zone", Expr::String("us-test-1a"));
  body.Add("encrypted", Expr::Bool(true));
  body.Add("tags", Expr::MapOf({{"KubernetesCluster", Expr::String("minimal.example.com")},
                                {"k8s.io/etcd/main", Expr::String("a/a")}}));
  body.Add("throughput", Expr::Number(125));
  body.Add("type", Expr::String("gp3"));
  Block lifecycle{"lifecycle", {}, {}};
  lifecycle.body.Add("create_before_destroy", Expr::Bool(true));
  body.AddBlock(lifecycle);
  std::vector<Block> blocks{Block{"resource", {"aws_ebs_volume", "a-etcd-main"}, body},
                            Block{"provider", {"aws"}, Body().Add("region", Expr::String("r"))}};
  EXPECT_EQ(WriteFile(blocks), R"(resource "aws_ebs_volume" "a-etcd-main" {
  availability_zone = "us-test-1a"
  encrypted         = true
  tags = {
    "KubernetesCluster" = "minimal.example.com"
    "k8s.io/etcd/main"  = "a/a"
  }
  throughput = 125
  type       = "gp3"
  lifecycle {
    create_before_destroy = true
  }
}

provider "aws" {
  region = "r"
}
)");
}

TEST(WriteBody, NestedMapInMapBreaksTheRun) {
  Body body;
  body.Add("aws", Expr::MapOf({{"configuration_aliases", Expr::RawText("[aws.files]")},
                               {"source", Expr::String("hashicorp/aws")},
                               {"x", Expr::MapOf({{"k", Expr::String("v")}})}}));
  EXPECT_EQ(WriteBody(body, 2), R"(  aws = {
    "configuration_aliases" = [aws.files]
    "source"                = "hashicorp/aws"
    "x" = {
      "k" = "v"
    }
  }
)");
}

TEST(Body, SortByNameKeepsRepeatedBlocksInOrder) {
  Body body;
  body.Add("z", Expr::Number(1));
  body.AddBlock(Block{"tag", {}, Body().Add("key", Expr::String("b"))});
  body.AddBlock(Block{"tag", {}, Body().Add("key", Expr::String("a"))});
  body.Add("name", Expr::String("n"));
  body.SortByName();
  EXPECT_EQ(WriteBody(body, 0), R"(name = "n"
tag {
  key = "b"
}
tag {
  key = "a"
}
z = 1
)");
}

}  // namespace
}  // namespace kops::terraform
