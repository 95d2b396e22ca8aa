// Runs a program (the built kops binary, usually) and captures its exit code, stdout
// and stderr, for end-to-end tests. A hard timeout kills the child's process group.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace kops::testing {

struct CommandResult {
  int exit_code = -1;  // -1 when killed by a signal or the timeout
  std::string out;
  std::string err;
};

// argv[0] is the program path. env entries are added to (or replace) the environment.
CommandResult RunCommand(const std::vector<std::string>& argv,
                         const std::map<std::string, std::string>& env = {},
                         const std::string& stdin_text = "", int timeout_seconds = 60);

// The kops binary of this build.
std::string KopsBinary();

}  // namespace kops::testing
