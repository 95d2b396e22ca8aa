// --set / --unset: kops' "directly set values in the spec".
//   --set cluster.spec.nodePortAccess=1.2.3.4/32,10.20.30.0/24   (a list: comma-separated)
//   --set '"cluster.spec.kubelet.featureGates.Foo=true"'        (one --set read as CSV with
//                                                                lazy quotes: quote a value
//                                                                holding a comma)
//   --set cluster.spec.addons[0].manifest=https://...           (index = length appends)
//   --set instancegroup.spec.rootVolumeSize=64                  (every instance group)
//   --unset cluster.spec.sshAccess
// Paths use the v1alpha2 field names; "spec." may be written without "cluster.".
#pragma once

#include <string>
#include <vector>

#include "api/cluster.h"
#include "api/instance_group.h"
#include "base/status.h"

namespace kops::create {

// Splits each --set occurrence as kops does (CSV with lazy quotes): a value of
// "\"a=1,2\",b=3" gives {"a=1,2", "b=3"}.
Result<std::vector<std::string>> SplitSetFlags(const std::vector<std::string>& occurrences);

// Applies every "path=value" of sets, then every "path" of unsets... in kops' order:
// unsets first, then sets. InvalidArgument naming the setting, the field and what the
// field accepts.
Status ApplySetsAndUnsets(const std::vector<std::string>& sets,
                          const std::vector<std::string>& unsets, api::Cluster& cluster,
                          std::vector<api::InstanceGroup>& groups);

}  // namespace kops::create
