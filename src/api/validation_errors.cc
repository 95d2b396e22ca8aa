#include "api/validation_errors.h"

#include <algorithm>

#include "base/strings.h"

namespace kops::api {

std::string Quote(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

namespace {
std::string WithDetail(std::string line, std::string_view detail) {
  if (!detail.empty()) {
    line += ": ";
    line += detail;
  }
  return line;
}
}  // namespace

void FieldErrors::Invalid(const FieldPath& path, std::string_view value, std::string_view detail) {
  lines_.push_back(WithDetail(path.str() + ": Invalid value: " + Quote(value), detail));
}

void FieldErrors::InvalidNumber(const FieldPath& path, long long value, std::string_view detail) {
  lines_.push_back(WithDetail(path.str() + ": Invalid value: " + std::to_string(value), detail));
}

void FieldErrors::Required(const FieldPath& path, std::string_view detail) {
  lines_.push_back(WithDetail(path.str() + ": Required value", detail));
}

void FieldErrors::Forbidden(const FieldPath& path, std::string_view detail) {
  lines_.push_back(WithDetail(path.str() + ": Forbidden", detail));
}

void FieldErrors::Duplicate(const FieldPath& path, std::string_view value) {
  lines_.push_back(path.str() + ": Duplicate value: " + Quote(value));
}

void FieldErrors::NotFound(const FieldPath& path, std::string_view value, std::string_view detail) {
  lines_.push_back(WithDetail(path.str() + ": Not found: " + Quote(value), detail));
}

void FieldErrors::NotSupported(const FieldPath& path, std::string_view value,
                               const std::vector<std::string>& supported) {
  lines_.push_back(path.str() + ": Unsupported value: " + Quote(value) +
                   ": supported values: " + QuoteList(supported));
}

void FieldErrors::CheckOneOf(const FieldPath& path, std::string_view value,
                             const std::vector<std::string>& supported, bool allow_empty) {
  if (value.empty() && allow_empty) return;
  if (std::find(supported.begin(), supported.end(), value) != supported.end()) return;
  NotSupported(path, value, supported);
}

void FieldErrors::Merge(const FieldErrors& other, std::string_view prefix) {
  for (const auto& line : other.lines_) lines_.push_back(std::string(prefix) + line);
}

Status FieldErrors::ToStatus() const {
  if (lines_.empty()) return Status::Ok();
  return InvalidArgument(Join(lines_, "\n"));
}

}  // namespace kops::api
