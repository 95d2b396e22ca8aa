// ForkEtcdLauncher: starts etcd with fork/exec in its own process group, output appended
// to a log file, with PR_SET_PDEATHSIG=SIGKILL so it dies with the thread that started it
// (a crashed manager leaves no etcd behind). The process object SIGKILLs the group and
// reaps the child when killed or destroyed, so no zombie is left.
#pragma once

#include "etcd/manager_deps.h"

namespace kops::etcd {

class ForkEtcdLauncher : public EtcdLauncher {
 public:
  Result<std::unique_ptr<EtcdProcess>> Start(const std::vector<std::string>& argv,
                                             const std::string& log_path) override;
};

}  // namespace kops::etcd
