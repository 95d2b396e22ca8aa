#include "cloud/aws/cluster_builder.h"

#include <algorithm>

#include "cloud/aws/resource_task.h"
#include "pki/ssh_key.h"

namespace kops::cloud::aws {

using engine::Fields;
using engine::Value;

namespace {

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

// Zone of the instance group named `ig`: its first zone, else its first subnet's zone.
Result<std::string> ZoneOfGroup(const ModelContext& m, const std::string& ig_name) {
  for (const auto& ig : m.instance_groups()) {
    if (ig.metadata.name != ig_name) continue;
    if (!ig.spec.zones.empty()) return ig.spec.zones[0];
    for (const auto& subnet : m.cluster().spec.subnets) {
      if (!ig.spec.subnets.empty() && subnet.name == ig.spec.subnets[0]) return subnet.zone;
    }
  }
  return NotFound("etcd member's instance group " + ig_name + " has no zone");
}

// kops names the key pair task after the AWS name without the fingerprint's colons.
std::string KeyPairTaskName(std::string key_name) {
  std::erase(key_name, ':');
  return key_name;
}

}  // namespace

Value PermissionsBoundary(const ModelContext& m) {
  const auto& iam = m.cluster().spec.iam;
  if (!iam || !iam->permissions_boundary || iam->permissions_boundary->empty()) return Value();
  return *iam->permissions_boundary;
}

Status BuildEtcdVolumes(const ModelContext& m, engine::Graph& graph) {
  for (const auto& etcd : m.cluster().spec.etcd_clusters) {
    std::vector<std::string> names;
    for (const auto& member : etcd.members) names.push_back(member.name);
    std::sort(names.begin(), names.end());
    std::string all;
    for (const auto& n : names) all += (all.empty() ? "" : ",") + n;
    for (const auto& member : etcd.members) {
      ASSIGN_OR_RETURN(std::string zone, ZoneOfGroup(m, member.instance_group));
      std::string name = member.name + ".etcd-" + etcd.name + "." + m.cluster_name();
      Value::Map tags = m.CloudTags(name);
      tags["k8s.io/etcd/" + etcd.name] = member.name + "/" + all;
      tags["k8s.io/role/control-plane"] = "1";
      tags["k8s.io/role/master"] = "1";
      std::string type = member.volume_type.value_or("gp3");
      Fields f{{"availability_zone", zone},
               {"encrypted", member.encrypted_volume.value_or(false)},
               {"kms_key_id", member.kms_key_id ? Value(*member.kms_key_id) : Value()},
               {"size", member.volume_size.value_or(20)},
               {"tags", tags},
               {"type", type}};
      if (type == "gp3" || type == "io1" || type == "io2") {
        f.Set("iops", member.volume_iops.value_or(3000));
      }
      if (type == "gp3") f.Set("throughput", member.volume_throughput.value_or(125));
      RETURN_IF_ERROR(AddTask(graph, std::make_unique<ResourceTask>("EBSVolume", name,
                                                                    "aws_ebs_volume", f)));
    }
  }
  return Status::Ok();
}

// kops' UseSSHKey / SSHKeyName: spec.sshKeyName names an existing key pair ("" for
// none); unset, the stored public key becomes the key pair "kubernetes.<cluster>-<fp>".
bool OwnsKeyPair(const ModelContext& m) {
  return !m.cluster().spec.ssh_key_name && !m.input().ssh_public_key.empty();
}

Value KeyNameFor(const ModelContext& m) {
  const auto& named = m.cluster().spec.ssh_key_name;
  if (named) return named->empty() ? Value() : Value(*named);
  std::string key = KeyPairKey(m);
  return key.empty() ? Value() : Value::Ref(key);
}

std::string KeyPairKey(const ModelContext& m) {
  if (!OwnsKeyPair(m)) return "";
  auto key = pki::ParseSshPublicKey(m.input().ssh_public_key);
  if (!key.ok()) return "";
  return "SSHKey/" + KeyPairTaskName(pki::AwsKeyPairName(m.cluster_name(), *key));
}

Status BuildKeyPair(const ModelContext& m, engine::Graph& graph) {
  if (!OwnsKeyPair(m)) return Status::Ok();
  auto key = pki::ParseSshPublicKey(m.input().ssh_public_key);
  if (!key.ok()) return key.status().WithContext("SSH public key");
  std::string key_name = pki::AwsKeyPairName(m.cluster_name(), *key);
  std::string name = KeyPairTaskName(key_name);
  auto task = std::make_unique<ResourceTask>(
      "SSHKey", name, "aws_key_pair",
      Fields{{"key_name", key_name},
             {"public_key", Value::File(m.input().ssh_public_key)},
             {"tags", m.CloudTags(m.cluster_name())}});
  return AddTask(graph, std::move(task));
}

Status BuildIam(const ModelContext& m, engine::Graph& graph) {
  for (bool control_plane : {true, false}) {
    std::string name = m.IamRoleName(control_plane);
    auto role = std::make_unique<ResourceTask>(
        "IAMRole", name, "aws_iam_role",
        Fields{{"assume_role_policy", Value::File(kAssumeRolePolicy)},
               {"name", name},
               {"permissions_boundary", PermissionsBoundary(m)},
               {"tags", m.CloudTags(name)}});
    role->WithFile("assume_role_policy", "policy");
    RETURN_IF_ERROR(AddTask(graph, std::move(role)));
    RETURN_IF_ERROR(AddTask(graph, std::make_unique<ResourceTask>(
                                       "IAMInstanceProfile", name, "aws_iam_instance_profile",
                                       Fields{{"name", name},
                                              {"role", Value::Ref("IAMRole/" + name, "name")},
                                              {"tags", m.CloudTags(name)}})));
  }
  return Status::Ok();
}

}  // namespace kops::cloud::aws
