// Semantic versions and version ranges as kops' channels write them (blang/semver):
// "1.32.0", "v1.32.0" (Kubernetes spelling), "1.29.0-alpha.1"; ranges like
// ">=1.27.0 <1.32.0" (space = and), "<1.11.0 || >=1.30.0" (or), bare "1.2.3" (equal).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace kops::channels {

struct Version {
  int major = 0;
  int minor = 0;
  int patch = 0;
  std::vector<std::string> pre;  // pre-release identifiers ("alpha", "1")

  // Strict X.Y.Z[-pre][+build]; InvalidArgument naming the text.
  static Result<Version> Parse(std::string_view text);
  // Kubernetes spelling: an optional leading "v".
  static Result<Version> ParseKubernetes(std::string_view text);

  std::string ToString() const;  // "1.32.0" / "1.29.0-alpha.1"
};

// <0, 0, >0 as in semver precedence (pre-releases sort before their release).
int Compare(const Version& a, const Version& b);
inline bool operator<(const Version& a, const Version& b) { return Compare(a, b) < 0; }
inline bool operator==(const Version& a, const Version& b) { return Compare(a, b) == 0; }

class VersionRange {
 public:
  static Result<VersionRange> Parse(std::string_view text);
  bool Matches(const Version& v) const;

 private:
  struct Term {
    std::string op;  // ">=", ">", "<=", "<", "=", "!="
    Version version;
  };
  std::vector<std::vector<Term>> alternatives_;  // or of ands
};

}  // namespace kops::channels
