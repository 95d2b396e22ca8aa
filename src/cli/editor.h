// Running the user's editor ($KUBE_EDITOR, $EDITOR, else vi) on a text.
#pragma once

#include <string>

#include "base/status.h"

namespace kops::cli {

// Writes text to a private temporary file named after stem, runs the editor on it and
// returns what the user saved. FailedPrecondition when the editor exits non-zero.
Result<std::string> EditText(const std::string& text, const std::string& stem);

}  // namespace kops::cli
