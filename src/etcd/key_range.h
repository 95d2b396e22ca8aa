// Key ranges as etcd defines them: a range is [key, range_end) over raw bytes.
#pragma once

#include <string>
#include <string_view>

namespace kops::etcd {

// The range_end that selects every key starting with prefix: the prefix with its last
// byte below 0xff incremented and what follows dropped. An empty prefix, or one made
// only of 0xff bytes, gives "\0" (etcd's "every key >= key").
std::string PrefixRangeEnd(std::string_view prefix);

}  // namespace kops::etcd
