#include "cloud/aws/iam_statements.h"

#include <set>

#include "cloud/aws/builder_util.h"

namespace kops::cloud::aws {

using nlohmann::json;

namespace {

const char* const kDescribeActions[] = {
    "autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeAutoScalingInstances",
    "autoscaling:DescribeLaunchConfigurations", "autoscaling:DescribeScalingActivities",
    "autoscaling:DescribeTags", "ec2:DescribeAvailabilityZones", "ec2:DescribeImages",
    "ec2:DescribeInstanceTopology", "ec2:DescribeInstanceTypes", "ec2:DescribeInstances",
    "ec2:DescribeLaunchTemplateVersions", "ec2:DescribeRegions", "ec2:DescribeRouteTables",
    "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeTags",
    "ec2:DescribeVolumeStatus", "ec2:DescribeVolumes", "ec2:DescribeVolumesModifications",
    "ec2:DescribeVpcs", "ec2:GetInstanceTypesFromInstanceRequirements",
    "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeLoadBalancerAttributes",
    "elasticloadbalancing:DescribeLoadBalancerPolicies", "elasticloadbalancing:DescribeLoadBalancers",
    "elasticloadbalancing:DescribeTargetGroupAttributes", "elasticloadbalancing:DescribeTargetGroups",
    "elasticloadbalancing:DescribeTargetHealth", "iam:CreateServiceLinkedRole", "kms:DescribeKey",
    "sqs:DeleteMessage", "sqs:ReceiveMessage"};

const char* const kTaggedResourceActions[] = {
    "autoscaling:CompleteLifecycleAction", "autoscaling:SetDesiredCapacity",
    "autoscaling:TerminateInstanceInAutoScalingGroup", "ec2:AttachVolume",
    "ec2:AuthorizeSecurityGroupIngress", "ec2:DeleteSecurityGroup", "ec2:DeleteVolume",
    "ec2:DetachVolume", "ec2:ModifyInstanceAttribute", "ec2:ModifyVolume",
    "ec2:RevokeSecurityGroupIngress", "elasticloadbalancing:AddTags",
    "elasticloadbalancing:ApplySecurityGroupsToLoadBalancer",
    "elasticloadbalancing:AttachLoadBalancerToSubnets", "elasticloadbalancing:ConfigureHealthCheck",
    "elasticloadbalancing:CreateLoadBalancerListeners", "elasticloadbalancing:CreateLoadBalancerPolicy",
    "elasticloadbalancing:DeleteListener", "elasticloadbalancing:DeleteLoadBalancer",
    "elasticloadbalancing:DeleteLoadBalancerListeners", "elasticloadbalancing:DeleteTargetGroup",
    "elasticloadbalancing:DeregisterInstancesFromLoadBalancer", "elasticloadbalancing:DeregisterTargets",
    "elasticloadbalancing:DetachLoadBalancerFromSubnets", "elasticloadbalancing:ModifyListener",
    "elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:ModifyTargetGroup",
    "elasticloadbalancing:ModifyTargetGroupAttributes",
    "elasticloadbalancing:RegisterInstancesWithLoadBalancer", "elasticloadbalancing:RegisterTargets",
    "elasticloadbalancing:SetLoadBalancerPoliciesForBackendServer",
    "elasticloadbalancing:SetLoadBalancerPoliciesOfListener"};

const char* const kRequestTagActions[] = {
    "ec2:CopyVolumes", "ec2:CreateSecurityGroup", "ec2:CreateVolume",
    "elasticloadbalancing:CreateListener", "elasticloadbalancing:CreateLoadBalancer",
    "elasticloadbalancing:CreateTargetGroup"};

const char* const kBucketActions[] = {"s3:GetBucketLocation", "s3:GetEncryptionConfiguration",
                                      "s3:ListBucket", "s3:ListBucketVersions"};
const char* const kBackupActions[] = {"s3:DeleteObject", "s3:DeleteObjectVersion", "s3:GetObject",
                                      "s3:PutObject"};

json Allow(json action, json resource) {
  return {{"Action", std::move(action)}, {"Effect", "Allow"}, {"Resource", std::move(resource)}};
}

json Strings(const char* const* begin, const char* const* end) {
  json out = json::array();
  for (auto* it = begin; it != end; ++it) out.push_back(*it);
  return out;
}

void AddS3(const IamPolicyContext& c, std::vector<json>& out) {
  if (c.bucket.empty()) return;
  std::string arn = "arn:" + c.partition + ":s3:::" + c.bucket;
  out.push_back(Allow(json::array({"s3:Get*"}), arn + "/" + c.cluster_path + "/*"));
  for (const auto& etcd : c.etcd_clusters) {
    out.push_back(Allow(Strings(std::begin(kBackupActions), std::end(kBackupActions)),
                        arn + "/" + c.cluster_path + "/backups/etcd/" + etcd + "/*"));
  }
  // once per bucket: the read and write buckets are the state store's one bucket
  out.push_back(Allow(Strings(std::begin(kBucketActions), std::end(kBucketActions)),
                      json::array({arn})));
}

void AddRoute53(const IamPolicyContext& c, std::vector<json>& out) {
  if (!c.route53) return;
  std::string zone = c.hosted_zone_id.empty() ? "*" : c.hosted_zone_id;
  out.push_back(Allow(json::array({"route53:ChangeResourceRecordSets", "route53:GetHostedZone",
                                   "route53:ListResourceRecordSets"}),
                      json::array({"arn:" + c.partition + ":route53:::hostedzone/" + zone})));
  out.push_back(Allow(json::array({"route53:GetChange"}),
                      json::array({"arn:" + c.partition + ":route53:::change/*"})));
  out.push_back(Allow(json::array({"route53:ListHostedZones", "route53:ListTagsForResource"}),
                      json::array({"*"})));
}

void AddCreateTags(const IamPolicyContext& c, std::vector<json>& out) {
  std::string ec2 = "arn:" + c.partition + ":ec2:*:*:";
  auto pair = [&](json create_actions, json resources) {
    json create = Allow("ec2:CreateTags", resources);
    create["Condition"] = {{"StringEquals",
                            {{"aws:RequestTag/KubernetesCluster", c.cluster_name},
                             {"ec2:CreateAction", std::move(create_actions)}}}};
    out.push_back(std::move(create));
    json retag = Allow(json::array({"ec2:CreateTags", "ec2:DeleteTags"}), resources);
    retag["Condition"] = {{"Null", {{"aws:RequestTag/KubernetesCluster", "true"}}},
                          {"StringEquals", {{"aws:ResourceTag/KubernetesCluster", c.cluster_name}}}};
    out.push_back(std::move(retag));
  };
  pair(json::array({"CopyVolumes", "CreateVolume"}),
       json::array({ec2 + "snapshot/*", ec2 + "volume/*"}));
  pair(json::array({"CreateSecurityGroup"}), json::array({ec2 + "security-group/*"}));
}

}  // namespace

IamPolicyContext IamPolicyContext::From(const ModelContext& m) {
  IamPolicyContext c;
  c.cluster_name = m.cluster_name();
  c.partition = PartitionOf(m);
  c.region = m.Region();
  if (m.input().state_store.is_s3()) {
    c.bucket = m.input().state_store.bucket;
    c.cluster_path = m.input().state_store.cluster_path;
  }
  for (const auto& etcd : m.cluster().spec.etcd_clusters) c.etcd_clusters.push_back(etcd.name);
  c.route53 = UsesRoute53(m);
  c.hosted_zone_id = m.input().facts.hosted_zone_id;
  const auto& iam = m.cluster().spec.iam;
  c.allow_container_registry = iam && iam->allow_container_registry;
  const auto& net = m.cluster().spec.networking;
  c.calico = net && net->calico;
  return c;
}

std::vector<json> ControlPlaneStatements(const IamPolicyContext& c) {
  std::vector<json> out;
  json attach = Allow("ec2:AttachVolume", json::array({"*"}));
  attach["Condition"] = {{"StringEquals",
                          {{"aws:ResourceTag/KubernetesCluster", c.cluster_name},
                           {"aws:ResourceTag/k8s.io/role/master", "1"}}}};
  out.push_back(std::move(attach));
  AddS3(c, out);
  AddRoute53(c, out);
  AddCreateTags(c, out);
  json grant = Allow("kms:CreateGrant", "*");
  grant["Condition"] = {{"Bool", {{"kms:GrantIsForAWSResource", "true"}}}};
  out.push_back(std::move(grant));
  json kms = Allow(json::array({"kms:Decrypt", "kms:DescribeKey", "kms:Encrypt",
                                "kms:GenerateDataKey*", "kms:ReEncrypt*"}),
                   "*");
  kms["Condition"] = {{"StringLike",
                       {{"kms:ViaService",
                         json::array({"ec2." + c.region + ".amazonaws.com", "s3.*.amazonaws.com"})}}}};
  out.push_back(std::move(kms));
  std::set<std::string> describe(std::begin(kDescribeActions), std::end(kDescribeActions));
  if (c.allow_container_registry) describe.insert(kEcrActions.begin(), kEcrActions.end());
  if (c.calico) describe.insert("ec2:ModifyNetworkInterfaceAttribute");
  out.push_back(Allow(describe, "*"));
  json tagged = Allow(Strings(std::begin(kTaggedResourceActions), std::end(kTaggedResourceActions)), "*");
  tagged["Condition"] = {{"StringEquals", {{"aws:ResourceTag/KubernetesCluster", c.cluster_name}}}};
  out.push_back(std::move(tagged));
  json request = Allow(Strings(std::begin(kRequestTagActions), std::end(kRequestTagActions)), "*");
  request["Condition"] = {{"StringEquals", {{"aws:RequestTag/KubernetesCluster", c.cluster_name}}}};
  out.push_back(std::move(request));
  out.push_back(Allow("ec2:CreateSecurityGroup", "arn:" + c.partition + ":ec2:*:*:vpc/*"));
  return out;
}

}  // namespace kops::cloud::aws
