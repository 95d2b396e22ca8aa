// Writing the Terraform output directory (kubernetes.tf and data/*): a file whose content
// is already what it should be is left alone (a re-run writes nothing, thousands of
// user-data files included); others are written to a temporary file renamed into place,
// so a reader never sees half a file. No fsync: the output is regenerated at will, and
// syncing every file dominated large renders.
#pragma once

#include <string>

#include "base/status.h"

namespace kops::terraform {

// Writes `content` to `path` unless it already holds exactly that. Parent directories
// must exist.
Status WriteOutputFile(const std::string& path, const std::string& content);

}  // namespace kops::terraform
