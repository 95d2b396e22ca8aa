#include "awsapi/route53.h"

#include "awsapi/aws_error.h"
#include "awsapi/sigv4.h"
#include "awsapi/uri.h"
#include "awsapi/xml.h"
#include "base/strings.h"

namespace kops::awsapi {
namespace {

constexpr int kMaxPages = 1000;
constexpr char kWhat[] = "route53 ListHostedZonesByName";

HostedZone ReadZone(const XmlElement& z) {
  HostedZone out;
  out.id = z.ChildText("Id");
  if (StartsWith(out.id, "/hostedzone/")) out.id = out.id.substr(12);
  out.name = z.ChildText("Name");
  if (const XmlElement* config = z.Child("Config"))
    out.private_zone = config->ChildText("PrivateZone") == "true";
  std::string count = z.ChildText("ResourceRecordSetCount");
  if (!count.empty()) out.record_count = std::stoll(count);
  return out;
}

}  // namespace

Result<std::vector<HostedZone>> Route53Client::ListHostedZonesByName(const std::string& dns_name) {
  std::vector<HostedZone> out;
  std::string next_name = dns_name, next_id;
  for (int page = 0; page < kMaxPages; ++page) {
    Params params;
    if (!next_name.empty()) params.emplace_back("dnsname", next_name);
    if (!next_id.empty()) params.emplace_back("hostedzoneid", next_id);
    HttpRequest req;
    req.method = "GET";
    req.url = config_.endpoint + "/2013-04-01/hostedzonesbyname";
    if (!params.empty()) req.url += "?" + EncodeParams(params);
    RETURN_IF_ERROR(SignRequest(req, config_.credentials, SigningScope{config_.region, "route53"},
                                clock_.WallNow(), /*s3=*/false));
    auto res = http_.Do(req);
    if (!res.ok()) return res.status().WithContext(kWhat);
    if (res->status != 200)
      return StatusFromAwsError(ParseAwsError(*res), kWhat,
                                "credentials from " + config_.credentials.source);
    auto doc = ParseXml(res->body);
    if (!doc.ok())
      return Internal(std::string(kWhat) + ": unreadable response: " + doc.status().message());
    if (const XmlElement* zones = doc->Child("HostedZones"))
      for (const XmlElement* z : zones->Children("HostedZone")) out.push_back(ReadZone(*z));
    if (doc->ChildText("IsTruncated") != "true") return out;
    std::string name = doc->ChildText("NextDNSName"), id = doc->ChildText("NextHostedZoneId");
    if (name == next_name && id == next_id)
      return Internal(std::string(kWhat) + ": truncated listing without a new position");
    next_name = name;
    next_id = id;
  }
  return Internal(std::string(kWhat) + ": more than " + std::to_string(kMaxPages) + " pages");
}

}  // namespace kops::awsapi
