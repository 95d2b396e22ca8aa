// Process trees from /proc, so that a signal reaches every process an instance started —
// also those that left its process group (setsid), which a group kill misses.
#pragma once

#include <vector>

#include "cloud/local/process_runner.h"

namespace kops::cloud::local {

// The pids of every live descendant of pid (children first found, then theirs), read
// from /proc/<n>/stat parent links at the time of the call.
std::vector<int> DescendantPids(int pid);

// A RealProcessRunner whose group kills also signal every descendant of the process
// (collected before any signal is sent, since a killed parent's children are reparented).
class TreeKillingProcessRunner : public RealProcessRunner {
 public:
  Status Kill(const ProcessHandle& handle, int signal, bool group = true) override;
};

}  // namespace kops::cloud::local
