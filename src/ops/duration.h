// Go's time.ParseDuration for the flags kops takes as durations; it lives in
// base/go_duration.h (the etcd manager's backup settings use it too).
#pragma once

#include "base/go_duration.h"

namespace kops::ops {

using kops::ParseGoDuration;

}  // namespace kops::ops
