#include "etcd/errors.h"

#include <array>

#include <nlohmann/json.hpp>

namespace kops::etcd {
namespace {

// Rejected before the proposal entered the raft log: retry is safe for writes too.
// "raft proposal dropped" (raft's ErrProposalDropped, gRPC code Unknown) comes while a
// leadership transfer is in progress or a member has no leader: the proposal was never
// appended.
constexpr std::array<std::string_view, 9> kRetryableMessages = {
    "etcdserver: unhealthy cluster",
    "etcdserver: too many learner members in cluster",
    "etcdserver: not leader",
    "etcdserver: leader changed",
    "etcdserver: no leader",
    "etcdserver: too many requests",
    "etcdserver: rpc not supported for learner",
    "etcdserver: server stopped",
    "raft proposal dropped",
};

constexpr std::array<std::string_view, 3> kEndpointLocalMessages = {
    "etcdserver: rpc not supported for learner",
    "etcdserver: no leader",
    "etcdserver: server stopped",
};

// Ambiguous for writes: the proposal may still commit.
constexpr std::array<std::string_view, 2> kTimeoutMessages = {
    "etcdserver: request timed out",
    "context deadline exceeded",
};

// curl's words for "the TCP connection was never established".
constexpr std::array<std::string_view, 2> kNeverConnectedMessages = {
    "Couldn't connect to server",
    "Connection refused",
};

template <size_t N>
bool ContainsAny(std::string_view text, const std::array<std::string_view, N>& needles) {
  for (std::string_view n : needles)
    if (text.find(n) != std::string_view::npos) return true;
  return false;
}

// gRPC status codes, as numbered in grpc/codes.
Code CodeFromGrpc(int grpc_code) {
  switch (grpc_code) {
    case 3:
      return Code::kInvalidArgument;
    case 4:
      return Code::kDeadlineExceeded;
    case 5:
      return Code::kNotFound;
    case 6:
      return Code::kAlreadyExists;
    case 7:
    case 16:
      return Code::kPermissionDenied;
    case 9:
    case 11:
      return Code::kFailedPrecondition;
    case 14:
      return Code::kUnavailable;
    default:
      return Code::kInternal;
  }
}

}  // namespace

Status ErrorFromResponse(int http_status, std::string_view body, std::string_view what) {
  std::string prefix(what);
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("code")) {
    std::string text(body.substr(0, 200));
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    Code code = http_status == 503 ? Code::kUnavailable : Code::kInternal;
    return Status(code, prefix + ": HTTP " + std::to_string(http_status) + ": " + text);
  }
  std::string message;
  if (j.contains("message") && j["message"].is_string()) {
    message = j["message"].get<std::string>();
  } else if (j.contains("error") && j["error"].is_string()) {
    message = j["error"].get<std::string>();
  }
  int grpc_code = j["code"].is_number_integer() ? j["code"].get<int>() : -1;
  std::string full = prefix + ": " + message;
  if (ContainsAny(message, kRetryableMessages)) return Unavailable(full);
  if (ContainsAny(message, kTimeoutMessages)) return DeadlineExceeded(full);
  return Status(CodeFromGrpc(grpc_code), full);
}

bool IsRetryable(const Status& status, RequestKind kind) {
  const std::string& m = status.message();
  switch (status.code()) {
    case Code::kUnavailable:
      if (ContainsAny(m, kRetryableMessages)) return true;
      return kind == RequestKind::kRead || ContainsAny(m, kNeverConnectedMessages);
    case Code::kDeadlineExceeded:
      return kind == RequestKind::kRead;
    default:
      return false;
  }
}

bool IsEndpointLocalError(const Status& status) {
  return status.code() == Code::kUnavailable &&
         ContainsAny(status.message(), kEndpointLocalMessages);
}

}  // namespace kops::etcd
