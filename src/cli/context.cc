#include <cstdlib>

#include "cli/command.h"
#include "store/clientset.h"
#include "store/vfs.h"

namespace kops::cli {

Result<std::string> Context::StateStore() const {
  if (!global.state.empty()) return global.state;
  if (const char* env = std::getenv("KOPS_STATE_STORE"); env && *env) return std::string(env);
  return InvalidArgument(
      "the state store is not set: pass --state (e.g. --state file:///var/lib/kops or "
      "s3://bucket) or set KOPS_STATE_STORE");
}

Result<std::unique_ptr<store::Clientset>> Context::OpenClientset() const {
  ASSIGN_OR_RETURN(std::string url, StateStore());
  ASSIGN_OR_RETURN(auto vfs, store::OpenVfs(url));
  return std::make_unique<store::Clientset>(std::move(vfs));
}

Result<std::string> Context::ClusterName(const std::string& positional) const {
  if (!positional.empty()) return positional;
  if (!global.cluster_name.empty()) return global.cluster_name;
  if (const char* env = std::getenv("KOPS_CLUSTER_NAME"); env && *env) return std::string(env);
  return InvalidArgument(
      "the cluster name is not set: give it as an argument, with --name, or in KOPS_CLUSTER_NAME");
}

void Context::Warn(const std::string& message) { Err() << "Warning: " << message << "\n"; }

}  // namespace kops::cli
