// FileVfs: the file:// state store. Objects are files under a root directory; the
// version of an object is the SHA-256 of its content. Conditional writes hold an
// exclusive flock on <root>/.kops-lock while they check and replace, so two kops
// processes cannot both win a read-modify-write race.
#pragma once

#include <memory>
#include <string>

#include "store/vfs.h"

namespace kops::store {

// root: an absolute directory path (created on first write).
std::unique_ptr<Vfs> NewFileVfs(const std::string& root);

}  // namespace kops::store
