// Real fork/exec tests: the children are short shell commands; the test blocks in
// waitpid (Reap with wait), it never sleeps.
#include "cloud/local/process_runner.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>

#include "base/file_util.h"

namespace kops::cloud::local {
namespace {

TEST(RealProcessRunnerTest, RunsWithEnvironmentAndLogsOutput) {
  auto dir = std::filesystem::temp_directory_path() / ("kops-pr-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  RealProcessRunner runner;
  ProcessSpec spec;
  spec.argv = {"/bin/sh", "-c", "echo \"$KOPS_X $(pwd)\"; exit 3"};
  spec.env = {{"KOPS_X", "hello"}};
  spec.working_dir = dir.string();
  spec.log_file = (dir / "log").string();
  auto h = runner.Start(spec);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  auto exit = runner.Reap(*h, /*wait=*/true);
  ASSERT_TRUE(exit.ok());
  ASSERT_TRUE(exit->has_value());
  EXPECT_EQ((*exit)->code, 3);
  EXPECT_EQ((*exit)->ToString(), "exited with code 3");
  EXPECT_FALSE(runner.IsAlive(*h));
  EXPECT_EQ(*ReadFile(spec.log_file), "hello " + dir.string() + "\n");
  EXPECT_EQ(runner.Reap(*h).status().code(), Code::kNotFound);
  std::filesystem::remove_all(dir);
}

TEST(RealProcessRunnerTest, KillEndsTheProcessGroup) {
  RealProcessRunner runner;
  ProcessSpec spec;
  spec.argv = {"/bin/sleep", "30"};
  auto h = runner.Start(spec);
  ASSERT_TRUE(h.ok());
  EXPECT_TRUE(runner.IsAlive(*h));
  EXPECT_NE(h->start_ticks, 0u);
  auto running = runner.Reap(*h);
  ASSERT_TRUE(running.ok());
  EXPECT_FALSE(running->has_value());
  ASSERT_TRUE(runner.Kill(*h, SIGKILL).ok());
  auto exit = runner.Reap(*h, true);
  ASSERT_TRUE(exit.ok() && exit->has_value());
  EXPECT_EQ((*exit)->signal, SIGKILL);
  EXPECT_TRUE(runner.Kill(*h, SIGKILL).ok());  // already gone: OK
}

TEST(RealProcessRunnerTest, PidReuseIsNotAlive) {
  RealProcessRunner runner;
  ProcessHandle self{getpid(), 0};
  EXPECT_TRUE(runner.IsAlive(self));
  self.start_ticks = ReadProcStat(getpid())->start_ticks + 1;
  EXPECT_FALSE(runner.IsAlive(self));
}

TEST(RealProcessRunnerTest, MissingBinaryIsUnavailable) {
  RealProcessRunner runner;
  ProcessSpec spec;
  spec.argv = {"/nonexistent/kops-binary"};
  auto h = runner.Start(spec);
  EXPECT_EQ(h.status().code(), Code::kUnavailable);
  EXPECT_NE(h.status().message().find("/nonexistent/kops-binary"), std::string::npos);
  EXPECT_EQ(runner.Start(ProcessSpec{}).status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace kops::cloud::local
