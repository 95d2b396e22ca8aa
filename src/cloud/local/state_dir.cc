#include "cloud/local/state_dir.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "base/file_util.h"
#include "cloud/local/state_json.h"

namespace kops::cloud::local {

std::string StateDir::VolumeDir(const std::string& id) const { return root_ + "/volumes/" + id; }
std::string StateDir::InstanceDir(const std::string& id) const {
  return root_ + "/instances/" + id;
}
std::string StateDir::LoadBalancerDir(const std::string& key) const {
  std::string name = key;
  std::replace(name.begin(), name.end(), '/', '_');
  return root_ + "/lb/" + name;
}

Status StateDir::Init() const {
  for (const std::string& dir : {root_, root_ + "/volumes", root_ + "/instances", root_ + "/lb"}) {
    RETURN_IF_ERROR(MakeDirs(dir, 0700));
  }
  if (chmod(root_.c_str(), 0700) != 0) {
    return Internal("chmod 0700 " + root_ + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

Result<CloudState> StateDir::Load() const {
  if (!PathExists(StateFile())) return CloudState{};
  ASSIGN_OR_RETURN(std::string text, ReadFile(StateFile()));
  Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return InvalidArgument(StateFile() + ": not valid JSON");
  auto state = CloudStateFromJson(j);
  if (!state.ok()) return state.status().WithContext(StateFile());
  return state;
}

Status StateDir::Save(const CloudState& state) const {
  return WriteFileAtomic(StateFile(), ToJson(state).dump(2) + "\n", 0600);
}

}  // namespace kops::cloud::local
