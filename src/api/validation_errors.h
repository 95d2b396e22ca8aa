// Field errors in kops' style, collected so a validator reports every problem at once.
//
// A FieldPath spells the YAML path a user edits ("spec.etcdClusters[0].etcdMembers",
// "spec.subnets[1].cidr"). FieldErrors gathers lines formatted as kops (apimachinery)
// prints them:
//   spec.x: Invalid value: "v": detail
//   spec.x: Required value: detail
//   spec.x: Forbidden: detail
//   spec.x: Duplicate value: "v"
//   spec.x: Not found: "v"
//   spec.x: Unsupported value: "v": supported values: "a", "b"
// ToStatus() is OK when nothing was recorded, else one InvalidArgument whose message holds
// each error on its own line, in the order recorded.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace kops::api {

class FieldPath {
 public:
  explicit FieldPath(std::string root) : path_(std::move(root)) {}
  FieldPath Child(std::string_view name) const { return FieldPath(path_ + "." + std::string(name)); }
  FieldPath Index(size_t i) const { return FieldPath(path_ + "[" + std::to_string(i) + "]"); }
  FieldPath Key(std::string_view key) const { return FieldPath(path_ + "[" + std::string(key) + "]"); }
  const std::string& str() const { return path_; }

 private:
  std::string path_;
};

class FieldErrors {
 public:
  // value is shown quoted, as kops shows strings.
  void Invalid(const FieldPath& path, std::string_view value, std::string_view detail);
  // value is shown bare, as kops shows numbers.
  void InvalidNumber(const FieldPath& path, long long value, std::string_view detail);
  void Required(const FieldPath& path, std::string_view detail);
  void Forbidden(const FieldPath& path, std::string_view detail);
  void Duplicate(const FieldPath& path, std::string_view value);
  void NotFound(const FieldPath& path, std::string_view value, std::string_view detail = "");
  void NotSupported(const FieldPath& path, std::string_view value,
                    const std::vector<std::string>& supported);
  // Records that value is one of supported, else a NotSupported error. Empty is accepted
  // only when allow_empty.
  void CheckOneOf(const FieldPath& path, std::string_view value,
                  const std::vector<std::string>& supported, bool allow_empty = true);

  // Appends another collection's errors, each line prefixed with prefix (may be "").
  void Merge(const FieldErrors& other, std::string_view prefix = "");

  bool empty() const { return lines_.empty(); }
  size_t size() const { return lines_.size(); }
  const std::vector<std::string>& lines() const { return lines_; }
  Status ToStatus() const;

 private:
  std::vector<std::string> lines_;
};

// "\"v\"" with quotes and backslashes escaped, as Go's %q prints plain text.
std::string Quote(std::string_view value);

}  // namespace kops::api
