// Small string helpers used across modules.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kops {

// Splits on every occurrence of sep; "" gives {""}. Use SplitNonEmpty to drop empties.
std::vector<std::string> Split(std::string_view s, char sep);
std::vector<std::string> SplitNonEmpty(std::string_view s, char sep);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
std::string Trim(std::string_view s);
std::string ToLower(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);
// Replaces every occurrence of from (non-empty) with to.
std::string ReplaceAll(std::string_view s, std::string_view from, std::string_view to);
// "a", "b" -> "\"a\", \"b\"": for error messages listing accepted values.
std::string QuoteList(const std::vector<std::string>& values);

}  // namespace kops
