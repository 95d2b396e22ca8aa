// A kops release channel (the embedded "stable" by default): which Kubernetes version
// to recommend for this kops version, and which machine image to use per cloud,
// Kubernetes version and CPU architecture.
#pragma once

#include <optional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/status.h"
#include "channels/semver.h"

namespace kops::channels {

// The kops release this tool behaves as when reading channels (its kopsVersions row).
inline constexpr const char* kKopsCompatibleVersion = "1.35.0";
// Images for clouds the channel does not list (the local cloud runs on the host).
inline constexpr const char* kLocalImage = "local/host";

struct ChannelImage {
  std::string name;
  std::string provider_id;      // aws, gce, azure...
  std::string architecture_id;  // amd64 (default), arm64
  std::string kubernetes_version;  // a range; "" matches every version
};

struct VersionRecommendation {
  std::string range;
  std::string recommended_version;
  std::string required_version;
  std::string kubernetes_version;  // kopsVersions rows only
};

class Channel {
 public:
  // Parses channel YAML (spec.images, spec.kubernetesVersions, spec.kopsVersions).
  static Result<Channel> Parse(std::string_view yaml, const std::string& source);
  // The same from a channel document already converted to JSON.
  static Result<Channel> FromJson(const nlohmann::json& doc, const std::string& source);
  // The stable channel compiled into the binary (parsed once).
  static const Channel& Stable();

  // The Kubernetes version the channel recommends for kops_version ("1.35.7"), from the
  // first kopsVersions row whose range matches; nullopt when none does.
  std::optional<std::string> RecommendedKubernetesVersion(
      const std::string& kops_version = kKopsCompatibleVersion) const;

  // The first image for (cloud, version, arch); NotFound naming all three otherwise.
  // The local cloud always gets kLocalImage.
  Result<std::string> FindImage(const std::string& cloud, const Version& kubernetes_version,
                                const std::string& architecture) const;

  const std::vector<ChannelImage>& images() const { return images_; }
  const std::vector<VersionRecommendation>& kubernetes_versions() const { return k8s_versions_; }

 private:
  std::vector<ChannelImage> images_;
  std::vector<VersionRecommendation> k8s_versions_;
  std::vector<VersionRecommendation> kops_versions_;
};

}  // namespace kops::channels
