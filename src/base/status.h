// Status and Result<T>: how every fallible function in kops reports failure.
// A Status is a code plus a human message; the message of an error a user can cause
// names the field, the value and what would be accepted.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace kops {

enum class Code {
  kOk = 0,
  kInvalidArgument,    // bad input from the user (flags, spec, files)
  kNotFound,           // a thing asked for does not exist
  kAlreadyExists,      // creating what is already there
  kConflict,           // a concurrent change was detected (optimistic concurrency)
  kFailedPrecondition, // the system is not in a state that allows the operation
  kPermissionDenied,   // credentials missing or refused
  kUnavailable,        // a dependency (cloud, etcd, network) is not answering; retry may help
  kDeadlineExceeded,   // gave up waiting
  kInternal,           // a bug or an unexpected library failure
};

const char* CodeName(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // "message" for errors, "OK" for success.
  std::string ToString() const;

  // Returns a copy whose message is "prefix: message"; OK stays OK.
  Status WithContext(const std::string& prefix) const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {Code::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
inline Status AlreadyExists(std::string m) { return {Code::kAlreadyExists, std::move(m)}; }
inline Status Conflict(std::string m) { return {Code::kConflict, std::move(m)}; }
inline Status FailedPrecondition(std::string m) { return {Code::kFailedPrecondition, std::move(m)}; }
inline Status PermissionDenied(std::string m) { return {Code::kPermissionDenied, std::move(m)}; }
inline Status Unavailable(std::string m) { return {Code::kUnavailable, std::move(m)}; }
inline Status DeadlineExceeded(std::string m) { return {Code::kDeadlineExceeded, std::move(m)}; }
inline Status Internal(std::string m) { return {Code::kInternal, std::move(m)}; }

// Either a value or an error Status (never an OK Status without a value).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    if (status_.ok()) status_ = Internal("Result constructed from OK status without a value");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace kops

#define KOPS_CONCAT_INNER(a, b) a##b
#define KOPS_CONCAT(a, b) KOPS_CONCAT_INNER(a, b)

// Returns the Status from the enclosing function when expr is not OK.
#define RETURN_IF_ERROR(expr)                  \
  do {                                         \
    ::kops::Status kops_status_ = (expr);      \
    if (!kops_status_.ok()) return kops_status_; \
  } while (0)

// ASSIGN_OR_RETURN(auto x, Fn()); declares x from a Result or returns its error.
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  ASSIGN_OR_RETURN_IMPL(KOPS_CONCAT(kops_result_, __LINE__), lhs, rexpr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                          \
  if (!tmp.ok()) return tmp.status();          \
  lhs = std::move(tmp).value()
