// --cloud-labels: "Owner=John Doe,dn=\"cn=John Doe: dc=example\", foo/bar=fib+baz" as kops
// reads it: records split at commas, each record "key=value" read as CSV with '=' as the
// separator (so a quoted value may hold '='), leading spaces trimmed.
#pragma once

#include <map>
#include <string>

#include "base/status.h"

namespace kops::create {

// InvalidArgument naming the flag, the malformed pair and the accepted form.
Result<std::map<std::string, std::string>> ParseCloudLabels(const std::string& text);

}  // namespace kops::create
