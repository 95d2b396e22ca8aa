#include "api/yaml_scalars.h"

#include <array>
#include <cctype>

namespace kops::api {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool OneOf(std::string_view s, std::initializer_list<std::string_view> words) {
  for (auto w : words)
    if (s == w) return true;
  return false;
}

bool IsNullOrBool(std::string_view s) {
  return OneOf(s, {"~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
                   "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF"});
}

// Every character of s satisfies ok (s non-empty).
template <class F>
bool All(std::string_view s, F ok) {
  if (s.empty()) return false;
  for (char c : s)
    if (!ok(c)) return false;
  return true;
}

bool IsDecimalWithUnderscores(std::string_view s) {
  return !s.empty() && IsDigit(s[0]) && All(s, [](char c) { return IsDigit(c) || c == '_'; });
}

// [0-9_]*.[0-9_]*([eE][-+]?[0-9]+)?, at least one digit before or after the dot; or
// digits followed by an exponent.
bool IsFloat(std::string_view s) {
  size_t e = s.find_first_of("eE");
  std::string_view mantissa = s.substr(0, e);
  if (e != std::string_view::npos) {
    std::string_view exp = s.substr(e + 1);
    if (!exp.empty() && (exp[0] == '+' || exp[0] == '-')) exp.remove_prefix(1);
    if (!All(exp, IsDigit)) return false;
  }
  size_t dot = mantissa.find('.');
  if (dot == std::string_view::npos) return e != std::string_view::npos && IsDecimalWithUnderscores(mantissa);
  std::string_view before = mantissa.substr(0, dot), after = mantissa.substr(dot + 1);
  auto digits_or_underscores = [](std::string_view p) {
    for (char c : p)
      if (!IsDigit(c) && c != '_') return false;
    return true;
  };
  bool any_digit = false;
  for (char c : mantissa) any_digit = any_digit || IsDigit(c);
  return any_digit && digits_or_underscores(before) && digits_or_underscores(after);
}

// 190:20:30 style base-60 numbers.
bool IsSexagesimal(std::string_view s) {
  size_t colon = s.find(':');
  if (colon == std::string_view::npos || !IsDecimalWithUnderscores(s.substr(0, colon))) return false;
  std::string_view rest = s.substr(colon);
  while (!rest.empty() && rest[0] == ':') {
    rest.remove_prefix(1);
    size_t n = 0;
    while (n < rest.size() && n < 2 && IsDigit(rest[n])) ++n;
    if (n == 0) return false;
    rest.remove_prefix(n);
  }
  if (rest.empty()) return true;
  return rest[0] == '.' && All(rest.substr(1).empty() ? "0" : rest.substr(1),
                               [](char c) { return IsDigit(c) || c == '_'; });
}

bool IsNumber(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  if (s.empty()) return false;
  if (OneOf(s, {".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"})) return true;
  auto digits_in = [&](std::string_view p, std::string_view allowed) {
    return All(p, [&](char c) { return allowed.find(c) != std::string_view::npos || c == '_'; });
  };
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'x' || s[1] == 'o'))
    return digits_in(s.substr(2), s[1] == 'b' ? "01" : s[1] == 'o' ? "01234567" : "0123456789abcdefABCDEF");
  return IsDecimalWithUnderscores(s) || IsFloat(s) || IsSexagesimal(s);
}

// YYYY-M(M)-D(D) followed by nothing or by T/t/space and anything.
bool IsTimestamp(std::string_view s) {
  if (s.size() < 8 || !All(s.substr(0, 4), IsDigit) || s[4] != '-') return false;
  size_t i = 5, n = 0;
  while (i < s.size() && IsDigit(s[i]) && n < 2) ++i, ++n;
  if (n == 0 || i >= s.size() || s[i] != '-') return false;
  ++i;
  n = 0;
  while (i < s.size() && IsDigit(s[i]) && n < 2) ++i, ++n;
  if (n == 0) return false;
  return i == s.size() || s[i] == 'T' || s[i] == 't' || s[i] == ' ';
}

}  // namespace

bool ResolvesToNonString(std::string_view s) { return IsNullOrBool(s) || IsNumber(s) || IsTimestamp(s); }

bool LooksNonString(std::string_view s) {
  if (OneOf(s, {"true", "True", "TRUE", "false", "False", "FALSE"})) return true;
  std::string_view body = s;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) body.remove_prefix(1);
  if (All(body, IsDigit)) return true;
  // [0-9]*.[0-9]+ with an optional exponent.
  size_t dot = body.find('.');
  if (dot == std::string_view::npos) return false;
  std::string_view after = body.substr(dot + 1);
  size_t e = after.find_first_of("eE");
  std::string_view frac = after.substr(0, e);
  if (!All(body.substr(0, dot).empty() ? "0" : body.substr(0, dot), IsDigit) || !All(frac, IsDigit)) return false;
  if (e == std::string_view::npos) return true;
  std::string_view exp = after.substr(e + 1);
  if (!exp.empty() && (exp[0] == '+' || exp[0] == '-')) exp.remove_prefix(1);
  return All(exp, IsDigit);
}

}  // namespace kops::api
