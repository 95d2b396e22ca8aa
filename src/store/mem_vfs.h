// MemVfs: the memfs:// state store used by tests. Every Vfs opened with the same URL
// in one process shares the same objects; versions are a per-object generation.
#pragma once

#include <memory>
#include <string>

#include "store/vfs.h"

namespace kops::store {

std::unique_ptr<Vfs> NewMemVfs(const std::string& url);

}  // namespace kops::store
