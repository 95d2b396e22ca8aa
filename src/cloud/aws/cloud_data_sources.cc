#include "cloud/aws/cloud_data_sources.h"

#include <set>

#include "cloud/aws/builder_util.h"

namespace kops::cloud::aws {

using engine::Fields;
using engine::Value;

namespace {

class DataSourceTask : public ResourceTask {
 public:
  using ResourceTask::ResourceTask;
  bool TerraformIsDataSource() const override { return true; }
};

Status AddDataSource(engine::Graph& g, std::string name, std::string type, Fields f) {
  return AddTask(g, std::make_unique<DataSourceTask>("DataSource", std::move(name),
                                                     std::move(type), std::move(f)));
}

bool AllDigits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

std::string AmiDataSourceKey(const std::string& image) { return "DataSource/ami-" + image; }

bool NeedsAmiDataSource(const ModelContext& m, const std::string& image) {
  return !image.empty() && !image.starts_with("ami-") && !m.input().facts.image_ids.contains(image);
}

ImageName ParseImageName(const std::string& image) {
  size_t slash = image.find('/');
  if (slash == std::string::npos) return {"", image};
  std::string first = image.substr(0, slash);
  if (AllDigits(first)) return {first, image.substr(slash + 1)};
  if (first == "ubuntu") return {"099720109477", image.substr(slash + 1)};
  if (first == "amazon" || first == "self" || first == "aws-marketplace") {
    return {first, image.substr(slash + 1)};
  }
  return {"", image};
}

std::string ClusterDnsZone(const ModelContext& m) {
  if (!m.cluster().spec.dns_zone.empty()) return m.cluster().spec.dns_zone;
  const std::string& name = m.cluster_name();
  size_t dot = name.find('.');
  return dot == std::string::npos ? name : name.substr(dot + 1);
}

Value HostedZoneId(const ModelContext& m) {
  const std::string& zone = m.cluster().spec.dns_zone;
  if (!zone.empty() && zone.find('.') == std::string::npos) return zone;
  const std::string& found = m.input().facts.hosted_zone_id;
  if (!found.empty()) return found.starts_with("/hostedzone/") ? found : "/hostedzone/" + found;
  return Value::Ref("DataSource/zone-" + ClusterDnsZone(m), "zone_id");
}

Status BuildCloudDataSources(const ModelContext& m, engine::Graph& graph) {
  std::set<std::string> images;
  for (const auto& ig : m.instance_groups()) {
    if (NeedsAmiDataSource(m, ig.spec.image)) images.insert(ig.spec.image);
  }
  for (const auto& image : images) {
    ImageName parsed = ParseImageName(image);
    Fields f{{"filter", Fields{{"name", "name"}, {"values", Value::Strings({parsed.name})}}},
             {"most_recent", true}};
    if (!parsed.owner.empty()) f.Set("owners", Value::Strings({parsed.owner}));
    RETURN_IF_ERROR(AddDataSource(graph, "ami-" + image, "aws_ami", f));
  }
  if (m.input().facts.online()) return Status::Ok();
  RETURN_IF_ERROR(AddDataSource(graph, "current", "aws_caller_identity", Fields{}));
  RETURN_IF_ERROR(AddDataSource(graph, "current-partition", "aws_partition", Fields{}));
  if (UsesRoute53(m) && HostedZoneId(m).get_if<engine::Reference>()) {
    RETURN_IF_ERROR(AddDataSource(graph, "zone-" + ClusterDnsZone(m), "aws_route53_zone",
                                  Fields{{"name", ClusterDnsZone(m)}}));
  }
  return Status::Ok();
}

}  // namespace kops::cloud::aws
