// Checks of single values shared by the validators: DNS names, Kubernetes versions, CIDRs.
// Each Check* records kops-style field errors (see validation_errors.h) and returns whether
// the value was acceptable.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/validation_errors.h"
#include "base/cidr.h"

namespace kops::api {

// True for a lowercase RFC 1123 subdomain: at most 253 characters of [a-z0-9.-], each
// dot-separated label non-empty and starting and ending with [a-z0-9].
bool IsDns1123Subdomain(std::string_view name);
// Records Invalid at path when name is not a DNS-1123 subdomain (Required when empty).
bool CheckDns1123Subdomain(FieldErrors& errors, const FieldPath& path, std::string_view name);

struct KubernetesVersion {
  int major = 0;
  int minor = 0;
  int patch = 0;
  std::string pre_release;  // "alpha.1" of "1.33.0-alpha.1"; "" for releases
};
// kops' util.ParseKubernetesVersion: "1.32.0", "v1.32.0", "1.33.0-beta.1+build", or a
// URL whose last path element is such a version. nullopt when not parseable.
std::optional<KubernetesVersion> ParseKubernetesVersion(std::string_view text);

// kops' parseCIDR: records "Could not be parsed as a CIDR" (with a "did you mean" hint for
// a bare address) or "Network contains bits outside prefix (did you mean ...)". Returns the
// CIDR only when it is valid and a network address.
std::optional<Cidr> CheckCidr(FieldErrors& errors, const FieldPath& path, std::string_view text);

// An access-list entry (sshAccess, kubernetesApiAccess, nodePortAccess): a CIDR, or on AWS
// a managed prefix list id ("pl-...").
void CheckAccessEntry(FieldErrors& errors, const FieldPath& path, std::string_view entry,
                      bool is_aws);

}  // namespace kops::api
