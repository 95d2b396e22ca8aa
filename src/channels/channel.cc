#include "channels/channel.h"

#include "channels/embedded_channel.h"
#include "channels/convert/yaml_json.h"

namespace kops::channels {
namespace {

std::string Str(const nlohmann::json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : "";
}

std::vector<VersionRecommendation> ReadRecommendations(const nlohmann::json& spec,
                                                       const char* key) {
  std::vector<VersionRecommendation> out;
  auto it = spec.find(key);
  if (it == spec.end() || !it->is_array()) return out;
  for (const auto& row : *it) {
    if (!row.is_object()) continue;
    out.push_back({Str(row, "range"), Str(row, "recommendedVersion"), Str(row, "requiredVersion"),
                   Str(row, "kubernetesVersion")});
  }
  return out;
}

}  // namespace

Result<Channel> Channel::Parse(std::string_view yaml, const std::string& source) {
  ASSIGN_OR_RETURN(nlohmann::json doc, YamlToJson(yaml, source));
  return FromJson(doc, source);
}

Result<Channel> Channel::FromJson(const nlohmann::json& doc, const std::string& source) {
  if (!doc.is_object() || !doc.contains("spec") || !doc["spec"].is_object())
    return InvalidArgument(source + ": a channel needs a spec object");
  const nlohmann::json& spec = doc["spec"];
  Channel ch;
  if (auto it = spec.find("images"); it != spec.end() && it->is_array()) {
    for (const auto& img : *it) {
      if (!img.is_object()) continue;
      ChannelImage ci{Str(img, "name"), Str(img, "providerID"), Str(img, "architectureID"),
                      Str(img, "kubernetesVersion")};
      if (ci.architecture_id.empty()) ci.architecture_id = "amd64";
      if (!ci.kubernetes_version.empty()) {
        auto r = VersionRange::Parse(ci.kubernetes_version);
        if (!r.ok()) return r.status().WithContext(source + ": image " + ci.name);
      }
      ch.images_.push_back(std::move(ci));
    }
  }
  ch.k8s_versions_ = ReadRecommendations(spec, "kubernetesVersions");
  ch.kops_versions_ = ReadRecommendations(spec, "kopsVersions");
  return ch;
}

const Channel& Channel::Stable() {
  static const Channel* stable = [] {
    auto doc = nlohmann::json::parse(EmbeddedStableChannelJson(), nullptr, /*allow_exceptions=*/false);
    auto ch = FromJson(doc, "channels/stable");
    return new Channel(ch.ok() ? std::move(ch).value() : Channel());
  }();
  return *stable;
}

std::optional<std::string> Channel::RecommendedKubernetesVersion(
    const std::string& kops_version) const {
  auto kv = Version::Parse(kops_version);
  if (!kv.ok()) return std::nullopt;
  for (const auto& row : kops_versions_) {
    auto range = VersionRange::Parse(row.range);
    if (!range.ok() || !range->Matches(*kv)) continue;
    if (row.kubernetes_version.empty()) continue;
    auto v = Version::ParseKubernetes(row.kubernetes_version);
    if (v.ok()) return v->ToString();
  }
  return std::nullopt;
}

Result<std::string> Channel::FindImage(const std::string& cloud, const Version& kubernetes_version,
                                       const std::string& architecture) const {
  if (cloud == "local") return std::string(kLocalImage);
  for (const auto& img : images_) {
    if (img.provider_id != cloud || img.architecture_id != architecture) continue;
    if (!img.kubernetes_version.empty()) {
      auto range = VersionRange::Parse(img.kubernetes_version);
      if (!range.ok() || !range->Matches(kubernetes_version)) continue;
    }
    return img.name;
  }
  return NotFound("unable to determine default image for cloud provider \"" + cloud +
                  "\", Kubernetes version " + kubernetes_version.ToString() +
                  " and architecture \"" + architecture + "\"; pass --image");
}

}  // namespace kops::channels
