#include "channels/semver.h"

#include <charconv>

#include "base/strings.h"

namespace kops::channels {
namespace {

bool ParseNumber(std::string_view s, int& out) {
  if (s.empty() || (s.size() > 1 && s[0] == '0')) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

bool IsNumeric(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

Result<Version> Version::Parse(std::string_view text) {
  auto bad = [&] {
    return InvalidArgument("invalid version \"" + std::string(text) +
                           "\": expected MAJOR.MINOR.PATCH, e.g. 1.32.0");
  };
  std::string_view s = text;
  if (size_t plus = s.find('+'); plus != std::string_view::npos) s = s.substr(0, plus);
  Version v;
  std::string_view core = s;
  if (size_t dash = s.find('-'); dash != std::string_view::npos) {
    core = s.substr(0, dash);
    std::string pre(s.substr(dash + 1));
    if (pre.empty()) return bad();
    v.pre = Split(pre, '.');
    for (const auto& p : v.pre)
      if (p.empty()) return bad();
  }
  std::vector<std::string> parts = Split(core, '.');
  if (parts.size() != 3 || !ParseNumber(parts[0], v.major) || !ParseNumber(parts[1], v.minor) ||
      !ParseNumber(parts[2], v.patch))
    return bad();
  return v;
}

Result<Version> Version::ParseKubernetes(std::string_view text) {
  std::string_view s = text;
  if (!s.empty() && s[0] == 'v') s.remove_prefix(1);
  auto v = Parse(s);
  if (!v.ok())
    return InvalidArgument("invalid Kubernetes version \"" + std::string(text) +
                           "\": expected e.g. 1.32.0 or v1.32.0");
  return v;
}

std::string Version::ToString() const {
  std::string s = std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  if (!pre.empty()) s += "-" + Join(pre, ".");
  return s;
}

int Compare(const Version& a, const Version& b) {
  if (a.major != b.major) return a.major < b.major ? -1 : 1;
  if (a.minor != b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch != b.patch) return a.patch < b.patch ? -1 : 1;
  if (a.pre.empty() || b.pre.empty()) {
    if (a.pre.empty() && b.pre.empty()) return 0;
    return a.pre.empty() ? 1 : -1;
  }
  for (size_t i = 0; i < a.pre.size() && i < b.pre.size(); ++i) {
    const std::string& x = a.pre[i];
    const std::string& y = b.pre[i];
    bool xn = IsNumeric(x), yn = IsNumeric(y);
    if (xn && yn) {
      if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
      if (x != y) return x < y ? -1 : 1;
    } else if (xn != yn) {
      return xn ? -1 : 1;
    } else if (x != y) {
      return x < y ? -1 : 1;
    }
  }
  if (a.pre.size() == b.pre.size()) return 0;
  return a.pre.size() < b.pre.size() ? -1 : 1;
}

Result<VersionRange> VersionRange::Parse(std::string_view text) {
  VersionRange range;
  std::string s(text);
  size_t start = 0;
  while (true) {
    size_t bar = s.find("||", start);
    std::string alt = s.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
    std::vector<Term> terms;
    for (const std::string& word : SplitNonEmpty(alt, ' ')) {
      Term t;
      size_t n = 0;
      for (const char* op : {">=", "<=", "!=", ">", "<", "="}) {
        if (StartsWith(word, op)) {
          t.op = op;
          n = t.op.size();
          break;
        }
      }
      if (t.op.empty()) t.op = "=";
      auto v = Version::Parse(word.substr(n));
      if (!v.ok())
        return InvalidArgument("invalid version range \"" + std::string(text) + "\": " +
                               v.status().message());
      t.version = *v;
      terms.push_back(t);
    }
    if (terms.empty())
      return InvalidArgument("invalid version range \"" + std::string(text) + "\": empty term");
    range.alternatives_.push_back(std::move(terms));
    if (bar == std::string::npos) break;
    start = bar + 2;
  }
  return range;
}

bool VersionRange::Matches(const Version& v) const {
  for (const auto& terms : alternatives_) {
    bool all = true;
    for (const Term& t : terms) {
      int c = Compare(v, t.version);
      bool ok = (t.op == ">=" && c >= 0) || (t.op == ">" && c > 0) || (t.op == "<=" && c <= 0) ||
                (t.op == "<" && c < 0) || (t.op == "=" && c == 0) || (t.op == "!=" && c != 0);
      if (!ok) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

}  // namespace kops::channels
