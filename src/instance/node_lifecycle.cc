#include "instance/node_lifecycle.h"

#include <cctype>

namespace kops::instance {

namespace {
constexpr char kNodePrefix[] = "/registry/minions/";
}

bool LooksLikeLocalInstanceId(const std::string& name) {
  if (name.size() != 19 || name.compare(0, 2, "i-") != 0) return false;
  for (size_t i = 2; i < name.size(); ++i) {
    const char c = name[i];
    if (!std::isdigit(static_cast<unsigned char>(c)) && (c < 'a' || c > 'f')) return false;
  }
  return true;
}

Result<std::vector<std::string>> DeleteNodesOfGoneInstances(ObjectStore& store,
                                                            const std::set<std::string>& live_instances) {
  ASSIGN_OR_RETURN(ObjectList nodes, store.List(kNodePrefix));
  std::vector<std::string> deleted;
  for (const StoredObject& node : nodes.items) {
    const std::string name = node.key.substr(sizeof(kNodePrefix) - 1);
    if (!LooksLikeLocalInstanceId(name) || live_instances.count(name)) continue;
    Status st = store.Delete(node.key);
    if (!st.ok() && st.code() != Code::kNotFound) return st.WithContext("delete Node " + name);
    deleted.push_back(name);
  }
  return deleted;
}

}  // namespace kops::instance
