// A line diff of two texts for people to read, in the shape kops prints file changes:
// each line prefixed "  " (same), "- " (only in old) or "+ " (only in new); unchanged
// lines more than two away from a change collapse into one "..." line.
#pragma once

#include <string>

namespace kops::engine {

// Returns the diff, one line per '\n'-terminated line; "" when the texts are equal.
std::string FormatTextDiff(const std::string& old_text, const std::string& new_text);

}  // namespace kops::engine
