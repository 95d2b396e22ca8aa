#include "awsapi/ec2.h"

namespace kops::awsapi {
namespace {

constexpr int kMaxPages = 1000;

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
  std::string token;
  for (int page = 0; page < kMaxPages; ++page) {
    Params params;
    AddList(params, "ImageId", request.image_ids);
    AddList(params, "Owner", request.owners);
    AddFilters(params, request.filters);
    if (!token.empty()) params.emplace_back("NextToken", token);
    ASSIGN_OR_RETURN(XmlElement doc, query_.Call("DescribeImages", params));
    if (const XmlElement* set = doc.Child("imagesSet"))
      for (const XmlElement* item : set->Children("item")) out.push_back(ReadImage(*item));
    std::string next = doc.ChildText("nextToken");
    if (next.empty()) return out;
    if (next == token) return Internal("ec2 DescribeImages: the same nextToken was returned twice");
    token = next;
  }
  return Internal("ec2 DescribeImages: more than " + std::to_string(kMaxPages) + " pages");
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
