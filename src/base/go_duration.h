// Go's time.ParseDuration for durations kops takes from flags and specs ("18h", "1h30m",
// "1h0m0s", "30s", "500ms"): a sequence of <number><unit> with units ns, us, ms, s, m,
// h; decimals allowed ("1.5h"); "0" alone is zero. kInvalidArgument names the text.
#pragma once

#include <chrono>
#include <string_view>

#include "base/status.h"

namespace kops {

Result<std::chrono::milliseconds> ParseGoDuration(std::string_view text);

}  // namespace kops
