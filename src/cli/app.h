// The kops command line: builds the command tree, parses flags into Options structs
// and calls one library function per verb. Returns the process exit code.
#pragma once

namespace kops::cli {

int Run(int argc, char** argv);

}  // namespace kops::cli
