// ObjectMeta: the metadata every kops object carries (a subset of Kubernetes').
#pragma once

#include <map>
#include <string>

namespace kops::api {

inline constexpr const char* kApiVersionV1Alpha2 = "kops.k8s.io/v1alpha2";
inline constexpr const char* kLabelCluster = "kops.k8s.io/cluster";
inline constexpr const char* kLabelInstanceGroup = "kops.k8s.io/instancegroup";

struct ObjectMeta {
  std::string name;
  std::string creation_timestamp;  // RFC 3339, as written ("2017-01-01T00:00:00Z")
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;

  template <class V>
  void Visit(V& v) {
    v("name", name);
    v("creationTimestamp", creation_timestamp);
    v("labels", labels);
    v("annotations", annotations);
  }
};

}  // namespace kops::api
