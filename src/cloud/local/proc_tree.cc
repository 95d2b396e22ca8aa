#include "cloud/local/proc_tree.h"

#include <dirent.h>
#include <signal.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace kops::cloud::local {

namespace {

// pid -> ppid of every process.
std::multimap<int, int> ChildrenByParent() {
  std::multimap<int, int> children;
  DIR* proc = opendir("/proc");
  if (proc == nullptr) return children;
  while (dirent* e = readdir(proc)) {
    int pid = std::atoi(e->d_name);
    if (pid <= 0) continue;
    std::ifstream in(std::string("/proc/") + e->d_name + "/stat");
    std::string line;
    if (!std::getline(in, line)) continue;
    size_t close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 1));
    char state;
    int ppid = 0;
    if (rest >> state >> ppid) children.emplace(ppid, pid);
  }
  closedir(proc);
  return children;
}

}  // namespace

std::vector<int> DescendantPids(int pid) {
  std::multimap<int, int> children = ChildrenByParent();
  std::vector<int> out;
  std::vector<int> todo{pid};
  while (!todo.empty()) {
    int p = todo.back();
    todo.pop_back();
    auto [begin, end] = children.equal_range(p);
    for (auto it = begin; it != end; ++it) {
      out.push_back(it->second);
      todo.push_back(it->second);
    }
  }
  return out;
}

Status TreeKillingProcessRunner::Kill(const ProcessHandle& handle, int signal, bool group) {
  if (!group || !IsAlive(handle)) return RealProcessRunner::Kill(handle, signal, group);
  std::vector<int> tree = DescendantPids(handle.pid);
  Status st = RealProcessRunner::Kill(handle, signal, true);
  for (int pid : tree) ::kill(pid, signal);
  return st;
}

}  // namespace kops::cloud::local
