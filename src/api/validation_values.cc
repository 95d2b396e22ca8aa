#include "api/validation_values.h"

#include <cctype>

#include "base/strings.h"

namespace kops::api {

namespace {

bool IsLabelChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }
bool IsAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// A non-negative decimal number without sign or leading '+'.
std::optional<int> ParseNumber(std::string_view s) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::optional<KubernetesVersion> ParseSemver(std::string_view s) {
  if (!s.empty() && s[0] == 'v') s.remove_prefix(1);
  if (auto plus = s.find('+'); plus != std::string_view::npos) s = s.substr(0, plus);
  KubernetesVersion v;
  if (auto dash = s.find('-'); dash != std::string_view::npos) {
    v.pre_release = std::string(s.substr(dash + 1));
    if (v.pre_release.empty()) return std::nullopt;
    s = s.substr(0, dash);
  }
  auto parts = Split(s, '.');
  if (parts.size() != 3) return std::nullopt;
  auto major = ParseNumber(parts[0]), minor = ParseNumber(parts[1]), patch = ParseNumber(parts[2]);
  if (!major || !minor || !patch) return std::nullopt;
  v.major = *major;
  v.minor = *minor;
  v.patch = *patch;
  return v;
}

}  // namespace

bool IsDns1123Subdomain(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  for (const auto& label : Split(name, '.')) {
    if (label.empty() || !IsAlnum(label.front()) || !IsAlnum(label.back())) return false;
    for (char c : label)
      if (!IsLabelChar(c)) return false;
  }
  return true;
}

bool CheckDns1123Subdomain(FieldErrors& errors, const FieldPath& path, std::string_view name) {
  if (name.empty()) {
    errors.Required(path, "a name is required");
    return false;
  }
  if (IsDns1123Subdomain(name)) return true;
  errors.Invalid(path, name,
                 "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
                 "characters, '-' or '.', must start and end with an alphanumeric character and "
                 "be at most 253 characters (e.g. 'example.com')");
  return false;
}

std::optional<KubernetesVersion> ParseKubernetesVersion(std::string_view text) {
  if (auto v = ParseSemver(text)) return v;
  // kops accepts a release URL (".../release/v1.32.0") and takes its last element.
  if (text.find("://") != std::string_view::npos) {
    std::string_view rest = text;
    while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
    auto slash = rest.rfind('/');
    if (slash != std::string_view::npos) return ParseSemver(rest.substr(slash + 1));
  }
  return std::nullopt;
}

std::optional<Cidr> CheckCidr(FieldErrors& errors, const FieldPath& path, std::string_view text) {
  auto parsed = Cidr::Parse(text);
  if (!parsed.ok()) {
    std::string detail = "Could not be parsed as a CIDR";
    if (text.find('/') == std::string_view::npos) {
      auto ip = IPAddress::Parse(text);
      if (ip.ok()) detail += " (did you mean \"" + std::string(text) + (ip->is_v6() ? "/64" : "/32") + "\")";
    }
    errors.Invalid(path, text, detail);
    return std::nullopt;
  }
  if (!parsed->IsNetwork()) {
    Cidr net = parsed->Network();
    errors.Invalid(path, text,
                   "Network contains bits outside prefix (did you mean \"" + net.ToString() + "\")");
    return std::nullopt;
  }
  return *parsed;
}

void CheckAccessEntry(FieldErrors& errors, const FieldPath& path, std::string_view entry,
                      bool is_aws) {
  if (StartsWith(entry, "pl-")) {
    if (!is_aws) errors.Invalid(path, entry, "Prefix List ID only supported for AWS");
    return;
  }
  CheckCidr(errors, path, entry);
}

}  // namespace kops::api
