// StateDir: where the daemon keeps the cloud. Layout under root (all mode 0700/0600,
// readable by the owner only):
//   state.json        the whole CloudState (state_json.h), replaced atomically on Save
//   volumes/<vol-id>/ each volume's data directory
//   instances/<i-id>/ each instance's working directory and log
//   lb/<key>/         haproxy config, pid file and runtime socket of each load balancer
// One file for the whole state (not one per object) so a crash never leaves an instance
// and the volume attached to it disagreeing.
#pragma once

#include <string>

#include "base/status.h"
#include "cloud/local/model.h"

namespace kops::cloud::local {

class StateDir {
 public:
  explicit StateDir(std::string root) : root_(std::move(root)) {}

  const std::string& root() const { return root_; }
  std::string StateFile() const { return root_ + "/state.json"; }
  std::string VolumeDir(const std::string& volume_id) const;
  std::string InstanceDir(const std::string& instance_id) const;
  std::string LoadBalancerDir(const std::string& lb_key) const;  // '/' in the key -> '_'

  // Creates root and its subdirectories with mode 0700 (and chmods root to 0700 when it
  // already existed, so a directory made by someone else's umask is not left readable).
  Status Init() const;
  // The saved state; an empty CloudState when nothing was saved yet.
  Result<CloudState> Load() const;
  Status Save(const CloudState& state) const;

 private:
  std::string root_;
};

}  // namespace kops::cloud::local
