// The supervisor with real (short-lived) processes: no sleeps, bounded by the programs.
#include "cloud/local/supervisor.h"

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace kops::cloud::local {
namespace {

int Supervise(const std::vector<std::string>& argv) {
  pid_t pid = fork();
  if (pid == 0) {
    RunSupervisor(argv, SupervisorOptions{500});
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

TEST(SupervisorTest, ExitsWithTheProgramsCode) {
  int status = Supervise({"/bin/sh", "-c", "exit 3"});
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 3);
}

TEST(SupervisorTest, ReraisesTheSignalThatEndedTheProgram) {
  int status = Supervise({"/bin/sh", "-c", "kill -9 $$"});
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), 9);
}

TEST(SupervisorTest, EndsWhatTheProgramLeftBehind) {
  // The background sleep would outlive sh; the supervisor ends and reaps it at once.
  int status = Supervise({"/bin/sh", "-c", "/bin/sleep 300 & exit 0"});
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(SupervisorTest, ProgramThatCannotRun) {
  int status = Supervise({"/nonexistent/program"});
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 127);
}

}  // namespace
}  // namespace kops::cloud::local
