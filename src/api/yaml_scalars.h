// How YAML 1.1 (Go's yaml.v2, which kops uses) resolves plain scalars: which strings
// must be quoted to stay strings, and which plain scalars a string field must refuse.
// Hand-written scanners: std::regex costs milliseconds at every start of the binary.
#pragma once

#include <string_view>

namespace kops::api {

// Whether a plain scalar s would be read as something other than a string (null, bool,
// int, float, sexagesimal, timestamp), so that writing s as a string needs quotes.
bool ResolvesToNonString(std::string_view s);
// Whether a plain scalar is a boolean (true/false) or a decimal number: what a string
// field refuses unquoted, as kops' decoder does.
bool LooksNonString(std::string_view s);

}  // namespace kops::api
