#include "store/file_vfs.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "base/file_util.h"
#include "base/hash.h"
#include "base/strings.h"

namespace kops::store {
namespace {

namespace fs = std::filesystem;

// Holds an exclusive flock on a lock file for its lifetime.
class DirLock {
 public:
  explicit DirLock(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
  }
  ~DirLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool ok() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

Status CheckCondition(const std::string& path, const Result<VfsObject>& current,
                      const WriteCondition& cond) {
  switch (cond.kind) {
    case WriteCondition::Kind::kNone:
      return Status::Ok();
    case WriteCondition::Kind::kMustNotExist:
      if (current.ok()) return AlreadyExists(path + " already exists in the state store");
      return Status::Ok();
    case WriteCondition::Kind::kMustMatchVersion:
      if (!current.ok())
        return Conflict(path + " was deleted by someone else since it was read; re-read and retry");
      if (current->version != cond.version)
        return Conflict(path + " was changed by someone else since it was read; re-read and retry");
      return Status::Ok();
  }
  return Status::Ok();
}

class FileVfs : public Vfs {
 public:
  explicit FileVfs(std::string root) : root_(std::move(root)) {
    while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
  }

  Result<VfsObject> Read(const std::string& path) override {
    auto data = ReadFile(Full(path));
    if (!data.ok()) {
      if (data.status().code() == Code::kNotFound)
        return NotFound("file://" + Full(path) + " does not exist");
      return data.status();
    }
    return VfsObject{*data, Sha256Hex(*data)};
  }

  Result<std::string> Write(const std::string& path, const std::string& data,
                            const WriteCondition& cond) override {
    RETURN_IF_ERROR(MakeDirs(root_, 0700));
    DirLock lock(root_ + "/.kops-lock");
    if (!lock.ok()) return Internal("cannot lock state store " + root_);
    if (cond.kind != WriteCondition::Kind::kNone) RETURN_IF_ERROR(CheckCondition(path, Read(path), cond));
    RETURN_IF_ERROR(WriteFileAtomic(Full(path), data, 0600));
    return Sha256Hex(data);
  }

  Status Delete(const std::string& path) override {
    std::error_code ec;
    fs::remove(Full(path), ec);
    if (ec) return Internal("deleting " + Full(path) + ": " + ec.message());
    // Remove directories left empty, up to the root.
    fs::path dir = fs::path(Full(path)).parent_path();
    while (dir.string().size() > root_.size() && fs::is_empty(dir, ec) && !ec) {
      fs::remove(dir, ec);
      dir = dir.parent_path();
    }
    return Status::Ok();
  }

  Result<std::vector<std::string>> List(const std::string& prefix) override {
    std::vector<std::string> out;
    std::error_code ec;
    if (!fs::is_directory(root_, ec)) return out;
    for (auto it = fs::recursive_directory_iterator(root_, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      std::string rel = fs::relative(it->path(), root_).string();
      if (rel.empty() || rel[0] == '.' || rel.find("/.") != std::string::npos) continue;
      if (StartsWith(rel, prefix)) out.push_back(rel);
    }
    if (ec) return Internal("listing " + root_ + ": " + ec.message());
    std::sort(out.begin(), out.end());
    return out;
  }

  std::string Url() const override { return "file://" + root_; }

 private:
  std::string Full(const std::string& path) const { return root_ + "/" + path; }
  std::string root_;
};

}  // namespace

std::unique_ptr<Vfs> NewFileVfs(const std::string& root) { return std::make_unique<FileVfs>(root); }

}  // namespace kops::store
