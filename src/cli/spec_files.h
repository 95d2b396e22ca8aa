// Reading kops objects from the files named with -f ("-" is standard input), and the
// checks shared by create -f, replace -f and edit before anything is written.
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "api/codec.h"
#include "base/status.h"
#include "store/clientset.h"

namespace kops::cli {

Result<std::vector<api::Object>> ReadObjectFiles(const std::vector<std::string>& files, std::istream& in);

// The cluster an InstanceGroup belongs to: its kops.k8s.io/cluster label, else
// fallback (--name); an error naming the group when neither is set.
Result<std::string> ClusterOfGroup(const api::InstanceGroup& ig, const std::string& fallback);

// Validates the cluster with all its groups (the ones stored, with `changed` replacing
// or adding to them and `removed` dropped), as they would be after the change.
Status ValidateAfterChange(store::Clientset& cs, const api::Cluster& cluster,
                           const std::vector<api::InstanceGroup>& changed,
                           const std::vector<std::string>& removed = {});

// Fills what kops fills on create: creationTimestamp (now, UTC) and, for clusters,
// configBase under the state store.
void StampNewObject(api::Object& object, const store::Clientset& cs);

}  // namespace kops::cli
