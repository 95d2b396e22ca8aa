#include "awsapi/ec2.h"

#include <charconv>
#include <functional>

namespace kops::awsapi {
namespace {

// EC2 answers its page token at the document's root.
const QueryClient::Paging kEc2Paging{"NextToken", "nextToken", /*in_result=*/false};

void AddFilters(Params& params, const std::vector<Ec2Filter>& filters) {
  for (size_t i = 0; i < filters.size(); ++i) {
    std::string p = "Filter." + std::to_string(i + 1);
    params.emplace_back(p + ".Name", filters[i].name);
    AddList(params, p + ".Value", filters[i].values);
  }
}

Image ReadImage(const XmlElement& item) {
  return Image{item.ChildText("imageId"),           item.ChildText("name"),
               item.ChildText("ownerId"),           item.ChildText("architecture"),
               item.ChildText("creationDate"),      item.ChildText("rootDeviceName"),
               item.ChildText("rootDeviceType"),    item.ChildText("imageState"),
               item.ChildText("virtualizationType")};
}

}  // namespace

Result<std::vector<Image>> Ec2Client::DescribeImages(const DescribeImagesRequest& request) {
  std::vector<Image> out;
  Params params;
  AddList(params, "ImageId", request.image_ids);
  AddList(params, "Owner", request.owners);
  AddFilters(params, request.filters);
  RETURN_IF_ERROR(query_.CallPages("DescribeImages", params, kEc2Paging, [&](const XmlElement& doc) {
    if (const XmlElement* set = doc.Child("imagesSet"))
      for (const XmlElement* item : set->Children("item")) out.push_back(ReadImage(*item));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<AvailabilityZone>> Ec2Client::DescribeAvailabilityZones(
    const std::vector<std::string>& names) {
  Params params;
  AddList(params, "ZoneName", names);
  ASSIGN_OR_RETURN(XmlElement doc, query_.Call("DescribeAvailabilityZones", params));
  std::vector<AvailabilityZone> out;
  if (const XmlElement* info = doc.Child("availabilityZoneInfo")) {
    for (const XmlElement* item : info->Children("item")) {
      out.push_back(AvailabilityZone{item->ChildText("zoneName"), item->ChildText("zoneId"),
                                     item->ChildText("zoneState"), item->ChildText("regionName"),
                                     item->ChildText("zoneType")});
    }
  }
  return out;
}

}  // namespace kops::awsapi

// DescribeInstances and DescribeLaunchTemplates (the rolling update's look-ups).
namespace kops::awsapi {
namespace {

Ec2Instance ReadInstance(const XmlElement& item) {
  Ec2Instance i;
  i.id = item.ChildText("instanceId");
  if (const XmlElement* state = item.Child("instanceState")) i.state = state->ChildText("name");
  if (const XmlElement* placement = item.Child("placement"))
    i.availability_zone = placement->ChildText("availabilityZone");
  i.private_dns_name = item.ChildText("privateDnsName");
  i.private_ip = item.ChildText("privateIpAddress");
  i.instance_type = item.ChildText("instanceType");
  if (const XmlElement* tags = item.Child("tagSet"))
    for (const XmlElement* t : tags->Children("item"))
      i.tags.emplace_back(t->ChildText("key"), t->ChildText("value"));
  return i;
}

Result<int64_t> ReadVersion(const XmlElement& item, const char* field) {
  std::string text = item.ChildText(field);
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size())
    return Internal(std::string("ec2 DescribeLaunchTemplates: ") + field + " of \"" +
                    item.ChildText("launchTemplateName") + "\" is \"" + text + "\", not a number");
  return value;
}

}  // namespace

std::string Ec2Instance::Tag(const std::string& key) const {
  for (const auto& [k, v] : tags)
    if (k == key) return v;
  return "";
}

Result<std::vector<Ec2Instance>> Ec2Client::DescribeInstances(
    const std::vector<std::string>& ids, const std::vector<Ec2Filter>& filters) {
  Params params;
  AddList(params, "InstanceId", ids);
  AddFilters(params, filters);
  std::vector<Ec2Instance> out;
  RETURN_IF_ERROR(query_.CallPages("DescribeInstances", params, kEc2Paging, [&](const XmlElement& doc) {
    if (const XmlElement* reservations = doc.Child("reservationSet"))
      for (const XmlElement* r : reservations->Children("item"))
        if (const XmlElement* instances = r->Child("instancesSet"))
          for (const XmlElement* i : instances->Children("item")) out.push_back(ReadInstance(*i));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<LaunchTemplateInfo>> Ec2Client::DescribeLaunchTemplates(
    const std::vector<std::string>& names) {
  Params params;
  AddList(params, "LaunchTemplateName", names);
  std::vector<LaunchTemplateInfo> out;
  RETURN_IF_ERROR(
      query_.CallPages("DescribeLaunchTemplates", params, kEc2Paging, [&](const XmlElement& doc) -> Status {
        if (const XmlElement* list = doc.Child("launchTemplates")) {
          for (const XmlElement* item : list->Children("item")) {
            LaunchTemplateInfo lt;
            lt.id = item->ChildText("launchTemplateId");
            lt.name = item->ChildText("launchTemplateName");
            ASSIGN_OR_RETURN(lt.default_version, ReadVersion(*item, "defaultVersionNumber"));
            ASSIGN_OR_RETURN(lt.latest_version, ReadVersion(*item, "latestVersionNumber"));
            out.push_back(std::move(lt));
          }
        }
        return Status::Ok();
      }));
  return out;
}

}  // namespace kops::awsapi
