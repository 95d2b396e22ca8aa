// Unix stream sockets for the local cloud's API. The wire protocol is newline-delimited
// JSON (api_messages.h): each request is one line, answered by one response line, in
// order; a connection may carry any number of requests. Lines hold no raw newlines
// (nlohmann's dump() escapes them).
#pragma once

#include <string>

#include "base/status.h"

namespace kops::cloud::local {

// Removes a stale socket file at path, binds, chmods it 0600 and listens. Returns the
// listening fd (non-blocking, close-on-exec). The caller must hold the daemon lock, so
// that a live daemon's socket is never removed.
Result<int> ListenUnix(const std::string& path);

// Connects to the socket at path. kUnavailable when nothing listens (no file, refused).
Result<int> ConnectUnix(const std::string& path);

// Writes all of data (no SIGPIPE). kUnavailable when the peer is gone.
Status WriteAll(int fd, const std::string& data);

// Reads one line (without its '\n') from a blocking fd, waiting at most timeout_ms
// (< 0 = forever). `buffer` keeps bytes read past the line for the next call.
// kUnavailable when the peer closed first; kDeadlineExceeded on timeout.
Result<std::string> ReadLine(int fd, std::string& buffer, int timeout_ms);

}  // namespace kops::cloud::local
