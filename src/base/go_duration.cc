#include "base/go_duration.h"

#include <cctype>
#include <string>

namespace kops {

Result<std::chrono::milliseconds> ParseGoDuration(std::string_view text) {
  auto bad = [&] {
    return InvalidArgument("duration \"" + std::string(text) +
                           "\": want a number with a unit (ms, s, m, h), e.g. 30s, 3m, 1h30m");
  };
  if (text == "0") return std::chrono::milliseconds(0);
  if (text.empty()) return bad();
  double total_ms = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
    std::string digits(text.substr(start, i - start));
    if (digits.find_first_of("0123456789") == std::string::npos ||
        digits.find('.') != digits.rfind('.')) {
      return bad();
    }
    double number = std::stod(digits);
    size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    std::string_view unit = text.substr(unit_start, i - unit_start);
    double factor;
    if (unit == "h") factor = 3600e3;
    else if (unit == "m") factor = 60e3;
    else if (unit == "s") factor = 1e3;
    else if (unit == "ms") factor = 1;
    else if (unit == "us" || unit == "µs") factor = 1e-3;
    else if (unit == "ns") factor = 1e-6;
    else return bad();
    total_ms += number * factor;
  }
  return std::chrono::milliseconds(static_cast<int64_t>(total_ms + 0.5));
}

}  // namespace kops
