// RunInstance: the program `kops toolbox instance run` (what the local cloud daemon
// launches for every instance). Reads the spec from the state store, then on a
// control-plane instance runs ControlPlane (etcd managers + API stand-in) and on a
// worker runs the NodeAgent, until `stop` becomes true (SIGTERM/SIGINT in the CLI).
// Volumes are claimed through the daemon's socket (KOPS_CLOUD_SOCKET). Returns an error
// when it cannot start; a running instance keeps retrying what fails.
#pragma once

#include <atomic>
#include <functional>
#include <string>

#include "base/status.h"
#include "instance/instance_config.h"

namespace kops::instance {

Status RunInstance(const InstanceEnv& env, const std::atomic<bool>& stop,
                   const std::function<void(const std::string&)>& log);

}  // namespace kops::instance
