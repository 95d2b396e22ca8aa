#include "awsapi/elbv2_client.h"

#include <charconv>

#include "base/strings.h"

namespace kops::awsapi {
namespace {

Result<int> ReadPort(const XmlElement& e, const std::string& what, const std::string& owner) {
  std::string text = e.ChildText("Port");
  if (text.empty()) return 0;  // lambda targets have no port
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size())
    return Internal(what + ": Port of " + owner + " is \"" + text + "\", not a number");
  return value;
}

}  // namespace

Status Elbv2Client::ForEachMember(const std::string& action, const Params& params, const char* list,
                                  const std::function<Status(const XmlElement&)>& read) {
  return query_.CallPages(action, params, {"Marker", "NextMarker"}, [&](const XmlElement& result) -> Status {
    if (const XmlElement* members = result.Child(list))
      for (const XmlElement* m : members->Children("member")) RETURN_IF_ERROR(read(*m));
    return Status::Ok();
  });
}

Result<std::vector<LoadBalancerV2>> Elbv2Client::DescribeLoadBalancers(
    const std::vector<std::string>& names) {
  Params params;
  AddList(params, "Names.member", names);
  std::vector<LoadBalancerV2> out;
  RETURN_IF_ERROR(
      ForEachMember("DescribeLoadBalancers", params, "LoadBalancers", [&](const XmlElement& m) {
        LoadBalancerV2 lb;
        lb.arn = m.ChildText("LoadBalancerArn");
        lb.name = m.ChildText("LoadBalancerName");
        lb.dns_name = m.ChildText("DNSName");
        lb.type = m.ChildText("Type");
        lb.scheme = m.ChildText("Scheme");
        if (const XmlElement* s = m.Child("State")) lb.state = s->ChildText("Code");
        out.push_back(std::move(lb));
        return Status::Ok();
      }));
  return out;
}

Result<std::vector<TargetGroup>> Elbv2Client::DescribeTargetGroups(
    const std::string& load_balancer_arn) {
  Params params;
  if (!load_balancer_arn.empty()) params.emplace_back("LoadBalancerArn", load_balancer_arn);
  std::vector<TargetGroup> out;
  RETURN_IF_ERROR(ForEachMember(
      "DescribeTargetGroups", params, "TargetGroups", [&](const XmlElement& m) -> Status {
        TargetGroup tg;
        tg.arn = m.ChildText("TargetGroupArn");
        tg.name = m.ChildText("TargetGroupName");
        tg.protocol = m.ChildText("Protocol");
        tg.target_type = m.ChildText("TargetType");
        ASSIGN_OR_RETURN(tg.port, ReadPort(m, "elasticloadbalancing DescribeTargetGroups",
                                           "target group " + tg.arn));
        if (const XmlElement* lbs = m.Child("LoadBalancerArns"))
          for (const XmlElement* a : lbs->Children("member"))
            tg.load_balancer_arns.push_back(Trim(a->text));
        out.push_back(std::move(tg));
        return Status::Ok();
      }));
  return out;
}

Result<std::vector<TargetHealthDescription>> Elbv2Client::DescribeTargetHealth(
    const std::string& target_group_arn) {
  const std::string what = "elasticloadbalancing DescribeTargetHealth";
  ASSIGN_OR_RETURN(XmlElement doc,
                   query_.Call("DescribeTargetHealth", {{"TargetGroupArn", target_group_arn}}));
  const XmlElement* result = doc.Child("DescribeTargetHealthResult");
  if (!result) return Internal(what + ": response has no DescribeTargetHealthResult");
  std::vector<TargetHealthDescription> out;
  if (const XmlElement* list = result->Child("TargetHealthDescriptions")) {
    for (const XmlElement* m : list->Children("member")) {
      TargetHealthDescription d;
      if (const XmlElement* target = m->Child("Target")) {
        d.target_id = target->ChildText("Id");
        ASSIGN_OR_RETURN(d.port, ReadPort(*target, what, "target " + d.target_id));
      }
      if (const XmlElement* health = m->Child("TargetHealth")) {
        d.state = health->ChildText("State");
        d.reason = health->ChildText("Reason");
        d.description = health->ChildText("Description");
      }
      out.push_back(std::move(d));
    }
  }
  return out;
}

Status Elbv2Client::ChangeTargets(const char* action, const std::string& target_group_arn,
                                  const std::vector<std::string>& instance_ids) {
  if (instance_ids.empty())
    return InvalidArgument(std::string(kService) + " " + action + ": no instance ids given for " +
                           target_group_arn);
  Params params = {{"TargetGroupArn", target_group_arn}};
  for (size_t i = 0; i < instance_ids.size(); ++i)
    params.emplace_back("Targets.member." + std::to_string(i + 1) + ".Id", instance_ids[i]);
  return query_.Call(action, params).status();
}

Status Elbv2Client::DeregisterTargets(const std::string& target_group_arn,
                                      const std::vector<std::string>& instance_ids) {
  return ChangeTargets("DeregisterTargets", target_group_arn, instance_ids);
}

Status Elbv2Client::RegisterTargets(const std::string& target_group_arn,
                                    const std::vector<std::string>& instance_ids) {
  return ChangeTargets("RegisterTargets", target_group_arn, instance_ids);
}

}  // namespace kops::awsapi
