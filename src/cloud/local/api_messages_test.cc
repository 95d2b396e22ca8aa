#include "cloud/local/api_messages.h"

#include <gtest/gtest.h>

namespace kops::cloud::local {
namespace {

TEST(ApiMessagesTest, RequestsRoundTrip) {
  CreateGroupRequest cg;
  cg.ref = {"file:///store", "ha.local"};
  cg.name = "control-plane-local-a";
  cg.zones = {"local-a"};
  cg.min_size = cg.max_size = cg.desired = 1;
  cg.launch.argv = {"/usr/bin/kops", "toolbox", "instance"};
  cg.tags = {{"k8s.io/role/control-plane", "1"}};
  std::string line = EncodeRequest(cg);
  EXPECT_NE(line.find("\"method\":\"CreateGroup\""), std::string::npos);
  auto back = DecodeRequest(line);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  const auto& got = std::get<CreateGroupRequest>(*back);
  EXPECT_EQ(got.ref.cluster, "ha.local");
  EXPECT_EQ(got.launch, cg.launch);
  EXPECT_EQ(got.tags, cg.tags);
  EXPECT_EQ(got.desired, 1);

  TerminateInstanceRequest t;
  t.instance_id = "i-1";
  t.force = true;
  auto tb = DecodeRequest(EncodeRequest(t));
  ASSERT_TRUE(tb.ok());
  EXPECT_TRUE(std::get<TerminateInstanceRequest>(*tb).force);
  EXPECT_EQ(MethodName(*tb), "TerminateInstance");

  for (const Request& r : std::vector<Request>{ZoneDownRequest{}, LoseVolumeRequest{},
                                               DescribeVolumesRequest{}, StatusRequest{}}) {
    auto again = DecodeRequest(EncodeRequest(r));
    ASSERT_TRUE(again.ok()) << MethodName(r);
    EXPECT_EQ(again->index(), r.index());
  }
}

TEST(ApiMessagesTest, MissingFieldsTakeDefaults) {
  auto r = DecodeRequest(R"({"method":"SetDesired","params":{"name":"nodes"}})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(std::get<SetDesiredRequest>(*r).desired, 0);
}

TEST(ApiMessagesTest, BadRequestsAreInvalidArgument) {
  EXPECT_EQ(DecodeRequest("nope").status().code(), Code::kInvalidArgument);
  auto unknown = DecodeRequest(R"({"method":"Reboot"})");
  EXPECT_EQ(unknown.status().code(), Code::kInvalidArgument);
  EXPECT_NE(unknown.status().message().find("Reboot"), std::string::npos);
  auto wrong = DecodeRequest(R"({"method":"SetDesired","params":{"desired":"three"}})");
  EXPECT_EQ(wrong.status().code(), Code::kInvalidArgument);
  EXPECT_NE(wrong.status().message().find("SetDesired"), std::string::npos);
}

TEST(ApiMessagesTest, ResponsesCarryResultOrError) {
  auto ok = DecodeResponse(EncodeOkResponse(R"({"instances":[]})"));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, R"({"instances":[]})");
  auto err = DecodeResponse(EncodeErrorResponse(NotFound("volume vol-1 does not exist")));
  EXPECT_EQ(err.status().code(), Code::kNotFound);
  EXPECT_EQ(err.status().message(), "volume vol-1 does not exist");
  EXPECT_EQ(DecodeResponse("[]").status().code(), Code::kInternal);
}

}  // namespace
}  // namespace kops::cloud::local
