#include "cloud/aws/iam_policies.h"

#include "cloud/aws/cluster_builder.h"

#include <nlohmann/json.hpp>

#include <set>

#include "cloud/aws/builder_util.h"
#include "cloud/aws/iam_statements.h"

namespace kops::cloud::aws {

using engine::Fields;
using engine::Value;
using nlohmann::json;

namespace {

std::string Document(const json& statements) {
  if (statements.empty()) return "";
  json doc = {{"Statement", statements}, {"Version", "2012-10-17"}};
  return doc.dump(2);
}

Status AddPolicy(const ModelContext& m, bool control_plane, const std::string& policy,
                 engine::Graph& graph) {
  if (policy.empty()) return Status::Ok();
  std::string role = m.IamRoleName(control_plane);
  return AddTask(graph, NewResource("IAMRolePolicy", role, "aws_iam_role_policy",
                                    Fields{{"name", role},
                                           {"policy", Value::File(policy)},
                                           {"role", Value::Ref("IAMRole/" + role, "name")}}));
}

const char kAssumeRolePolicy[] = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "Service": "ec2.amazonaws.com"},
      "Action": "sts:AssumeRole"
    }
  ]
}
)";

Status BuildBastionRole(const ModelContext& m, engine::Graph& graph) {
  std::string name = "bastions." + m.cluster_name();
  auto role = NewResource("IAMRole", name, "aws_iam_role",
                          Fields{{"assume_role_policy", Value::File(kAssumeRolePolicy)},
                                 {"name", name},
                                 {"permissions_boundary", PermissionsBoundary(m)},
                                 {"tags", m.CloudTags(name)}});
  role->WithFile("assume_role_policy", "policy");
  RETURN_IF_ERROR(AddTask(graph, std::move(role)));
  return AddTask(graph, NewResource("IAMInstanceProfile", name, "aws_iam_instance_profile",
                                    Fields{{"name", name},
                                           {"role", Value::Ref("IAMRole/" + name, "name")},
                                           {"tags", m.CloudTags(name)}}));
}

}  // namespace

bool HasBastions(const ModelContext& m) {
  for (const auto& ig : m.instance_groups()) {
    if (ig.spec.role == api::kRoleBastion) return true;
  }
  return false;
}

std::string ControlPlanePolicy(const ModelContext& m) {
  IamPolicyContext c = IamPolicyContext::From(m);
  json statements = json::array();
  for (auto& s : ControlPlaneStatements(c)) statements.push_back(std::move(s));
  return Document(statements);
}

std::string NodePolicy(const ModelContext& m) {
  IamPolicyContext c = IamPolicyContext::From(m);
  std::set<std::string> actions;
  if (c.allow_container_registry) actions.insert(kEcrActions.begin(), kEcrActions.end());
  if (c.calico) actions.insert({"ec2:DescribeInstances", "ec2:ModifyNetworkInterfaceAttribute"});
  json statements = json::array();
  if (!actions.empty()) {
    statements.push_back({{"Action", actions}, {"Effect", "Allow"}, {"Resource", "*"}});
  }
  return Document(statements);
}

Status BuildIamPolicies(const ModelContext& m, engine::Graph& graph) {
  if (HasBastions(m)) RETURN_IF_ERROR(BuildBastionRole(m, graph));
  RETURN_IF_ERROR(AddPolicy(m, true, ControlPlanePolicy(m), graph));
  return AddPolicy(m, false, NodePolicy(m), graph);
}

}  // namespace kops::cloud::aws
