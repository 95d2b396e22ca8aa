#include "store/mem_vfs.h"

#include <map>
#include <mutex>

#include "base/strings.h"

namespace kops::store {
namespace {

struct MemObject {
  std::string data;
  uint64_t generation = 0;
};

struct MemRoot {
  std::mutex mu;
  std::map<std::string, MemObject> objects;
  uint64_t next_generation = 1;
};

std::shared_ptr<MemRoot> RootFor(const std::string& url) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<MemRoot>> roots;
  std::lock_guard lock(mu);
  auto& root = roots[url];
  if (!root) root = std::make_shared<MemRoot>();
  return root;
}

class MemVfs : public Vfs {
 public:
  explicit MemVfs(std::string url) : url_(std::move(url)), root_(RootFor(url_)) {}

  Result<VfsObject> Read(const std::string& path) override {
    std::lock_guard lock(root_->mu);
    auto it = root_->objects.find(path);
    if (it == root_->objects.end()) return NotFound(url_ + "/" + path + " does not exist");
    return VfsObject{it->second.data, std::to_string(it->second.generation)};
  }

  Result<std::string> Write(const std::string& path, const std::string& data,
                            const WriteCondition& cond) override {
    std::lock_guard lock(root_->mu);
    auto it = root_->objects.find(path);
    bool exists = it != root_->objects.end();
    if (cond.kind == WriteCondition::Kind::kMustNotExist && exists)
      return AlreadyExists(path + " already exists in the state store");
    if (cond.kind == WriteCondition::Kind::kMustMatchVersion &&
        (!exists || std::to_string(it->second.generation) != cond.version))
      return Conflict(path + " was changed by someone else since it was read; re-read and retry");
    MemObject& obj = root_->objects[path];
    obj.data = data;
    obj.generation = root_->next_generation++;
    return std::to_string(obj.generation);
  }

  Status Delete(const std::string& path) override {
    std::lock_guard lock(root_->mu);
    root_->objects.erase(path);
    return Status::Ok();
  }

  Result<std::vector<std::string>> List(const std::string& prefix) override {
    std::lock_guard lock(root_->mu);
    std::vector<std::string> out;
    for (auto it = root_->objects.lower_bound(prefix);
         it != root_->objects.end() && StartsWith(it->first, prefix); ++it)
      out.push_back(it->first);
    return out;
  }

  std::string Url() const override { return url_; }

 private:
  std::string url_;
  std::shared_ptr<MemRoot> root_;
};

}  // namespace

std::unique_ptr<Vfs> NewMemVfs(const std::string& url) { return std::make_unique<MemVfs>(url); }

}  // namespace kops::store
