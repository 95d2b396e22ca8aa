#include "cloud/local/unix_socket.h"

#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace kops::cloud::local {
namespace {

TEST(UnixSocketTest, ReadLineSplitsAndKeepsTheRest) {
  int sv[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
  ASSERT_TRUE(WriteAll(sv[0], "{\"a\":1}\n{\"b\":").ok());
  std::string buffer;
  EXPECT_EQ(*ReadLine(sv[1], buffer, 1000), "{\"a\":1}");
  EXPECT_EQ(ReadLine(sv[1], buffer, 0).status().code(), Code::kDeadlineExceeded);
  ASSERT_TRUE(WriteAll(sv[0], "2}\n").ok());
  EXPECT_EQ(*ReadLine(sv[1], buffer, 1000), "{\"b\":2}");
  close(sv[0]);
  EXPECT_EQ(ReadLine(sv[1], buffer, 1000).status().code(), Code::kUnavailable);
  close(sv[1]);
}

TEST(UnixSocketTest, ConnectToNothingIsUnavailable) {
  EXPECT_EQ(ConnectUnix(::testing::TempDir() + "/no-such.sock").status().code(),
            Code::kUnavailable);
}

}  // namespace
}  // namespace kops::cloud::local
