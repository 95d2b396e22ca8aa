// Vfs: the state store's file system, one implementation per URL scheme
// (file://, memfs://, s3://). Paths given to a Vfs are relative to its root
// ("ha.example.com/config"), '/'-separated, never starting with '/'.
//
// Concurrency: every Read returns an opaque version token; a Write may name the version
// it was based on, and fails with Code::kConflict when the stored object changed since.
// Writes are atomic: a reader sees the old or the new object, never a part of one.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace kops::store {

struct VfsObject {
  std::string data;
  std::string version;  // opaque; equal versions mean equal content
};

// What a write requires of the object's current state.
struct WriteCondition {
  enum class Kind { kNone, kMustNotExist, kMustMatchVersion };
  Kind kind = Kind::kNone;
  std::string version;  // for kMustMatchVersion

  static WriteCondition None() { return {}; }
  static WriteCondition MustNotExist() { return {Kind::kMustNotExist, ""}; }
  static WriteCondition MustMatch(std::string v) { return {Kind::kMustMatchVersion, std::move(v)}; }
};

class Vfs {
 public:
  virtual ~Vfs() = default;
  // NotFound when there is no object at path.
  virtual Result<VfsObject> Read(const std::string& path) = 0;
  // Conflict when cond does not hold; returns the new version.
  virtual Result<std::string> Write(const std::string& path, const std::string& data,
                                    const WriteCondition& cond = WriteCondition::None()) = 0;
  // Deleting a missing object is not an error.
  virtual Status Delete(const std::string& path) = 0;
  // Every object path below prefix (recursive), sorted; prefix "" lists everything.
  virtual Result<std::vector<std::string>> List(const std::string& prefix) = 0;
  // The URL of the root, as the user wrote it without a trailing slash.
  virtual std::string Url() const = 0;
};

// Opens the store at url: "file:///abs/dir", a plain absolute path (as file://),
// "memfs://name" (process-wide, shared by every Vfs opened with the same url), or
// "s3://bucket[/prefix]". InvalidArgument names the URL and the accepted schemes.
Result<std::unique_ptr<Vfs>> OpenVfs(const std::string& url);

}  // namespace kops::store
