// Local file helpers. WriteFileAtomic guarantees a reader sees either the old or the
// new content, never a part: it writes a temporary file beside the target, fsyncs it,
// renames it over the target and fsyncs the directory.
#pragma once

#include <string>
#include <sys/types.h>

#include "base/status.h"

namespace kops {

Result<std::string> ReadFile(const std::string& path);
Status WriteFileAtomic(const std::string& path, const std::string& content, mode_t mode = 0644);
// Creates path and its parents with mode (existing directories are left as they are).
Status MakeDirs(const std::string& path, mode_t mode = 0755);
bool PathExists(const std::string& path);
// The path of the running executable (/proc/self/exe), "kops" when unreadable: how the
// binary starts its own helpers (the cloud daemon, supervisors, instances).
std::string SelfExecutablePath();

}  // namespace kops
