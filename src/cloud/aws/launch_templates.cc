// Launch templates (kops awsmodel/autoscalinggroup.go buildLaunchTemplateTask).
#include "channels/instance_types.h"
#include "cloud/aws/autoscaling.h"
#include "cloud/aws/builder_util.h"
#include "cloud/aws/cloud_data_sources.h"
#include "cloud/aws/cluster_builder.h"
#include "cloud/aws/user_data.h"

namespace kops::cloud::aws {

using engine::Fields;
using engine::Value;

namespace {

int DefaultRootVolumeSize(const api::InstanceGroup& ig) {
  if (ig.spec.role == api::kRoleMaster) return 64;
  if (ig.spec.role == api::kRoleBastion) return 32;
  return 128;
}

Value RootDeviceName(const ModelContext& m, const std::string& image) {
  const auto& devices = m.input().facts.image_root_devices;
  if (auto it = devices.find(image); it != devices.end()) return it->second;
  if (NeedsAmiDataSource(m, image)) return Value::Ref(AmiDataSourceKey(image), "root_device_name");
  return "/dev/xvda";
}

Value ImageId(const ModelContext& m, const std::string& image) {
  if (image.starts_with("ami-")) return image;
  const auto& ids = m.input().facts.image_ids;
  if (auto it = ids.find(image); it != ids.end()) return it->second;
  return Value::Ref(AmiDataSourceKey(image));
}

// An additional EBS volume as kops' Terraform writes it: type gp3 by default (3000 IOPS,
// 125 MiB/s unless given), io1/io2 100 IOPS by default, no IOPS for other types,
// encrypted unless told otherwise, and always deleted on termination (kops' Terraform
// renderer writes delete_on_termination = true whatever the spec says).
Fields AdditionalDevice(const api::VolumeSpec& v) {
  std::string type = v.type.empty() ? "gp3" : v.type;
  std::optional<int64_t> iops = v.iops, throughput = v.throughput;
  if (type == "io1" || type == "io2") {
    iops = iops.value_or(100);
  } else if (type == "gp3") {
    iops = iops.value_or(3000);
    throughput = throughput.value_or(125);
  } else {
    iops.reset();
  }
  Fields ebs{{"delete_on_termination", true}, {"encrypted", v.encrypted.value_or(true)}};
  if (iops) ebs.Set("iops", *iops);
  if (v.key) ebs.Set("kms_key_id", *v.key);
  if (throughput) ebs.Set("throughput", *throughput);
  ebs.Set("volume_size", v.size);
  ebs.Set("volume_type", type);
  return Fields{{"device_name", v.device}, {"ebs", ebs}};
}

Value::List BlockDevices(const ModelContext& m, const api::InstanceGroup& ig) {
  const auto& s = ig.spec;
  std::string type = s.root_volume_type.value_or("gp3");
  Fields ebs{{"delete_on_termination", true}, {"encrypted", s.root_volume_encryption.value_or(true)}};
  if (type == "gp3" || type == "io1" || type == "io2") ebs.Set("iops", s.root_volume_iops.value_or(3000));
  if (s.root_volume_encryption_key) ebs.Set("kms_key_id", *s.root_volume_encryption_key);
  if (type == "gp3") ebs.Set("throughput", s.root_volume_throughput.value_or(125));
  ebs.Set("volume_size", s.root_volume_size.value_or(DefaultRootVolumeSize(ig)));
  ebs.Set("volume_type", type);
  Value::List devices;
  devices.push_back(Fields{{"device_name", RootDeviceName(m, s.image)}, {"ebs", ebs}});
  for (const auto& v : s.volumes) devices.push_back(AdditionalDevice(v));
  if (auto machine = channels::FindMachineType(s.machine_type)) {
    for (const auto& d : machine->ephemeral_devices) {
      devices.push_back(Fields{{"device_name", d.device_name}, {"virtual_name", d.virtual_name}});
    }
  }
  return devices;
}

// Instances get public addresses in public (and utility) subnets unless told otherwise.
bool AssociatePublicIp(const ModelContext& m, const api::InstanceGroup& ig) {
  if (ig.spec.associate_public_ip) return *ig.spec.associate_public_ip;
  for (const auto& subnet : m.cluster().spec.subnets) {
    for (const auto& name : ig.spec.subnets) {
      if (subnet.name == name && subnet.type != "Public" && subnet.type != "Utility") return false;
    }
  }
  return true;
}

Fields MetadataOptions(const api::InstanceGroup& ig) {
  int64_t hops = 1;
  std::string tokens = "required";
  if (const auto& md = ig.spec.instance_metadata) {
    hops = md->http_put_response_hop_limit.value_or(hops);
    tokens = md->http_tokens.value_or(tokens);
  }
  return Fields{{"http_endpoint", "enabled"},
                {"http_protocol_ipv6", "disabled"},
                {"http_put_response_hop_limit", hops},
                {"http_tokens", tokens}};
}

Status BuildLaunchTemplate(const ModelContext& m, const api::InstanceGroup& ig, engine::Graph& g) {
  std::string name = m.AutoscalingGroupName(ig);
  Value::Map tags = InstanceGroupTags(m, ig);
  Value::List specs;
  for (const char* type : {"instance", "volume", "network-interface"}) {
    specs.push_back(Fields{{"resource_type", type}, {"tags", tags}});
  }
  Value::List security_groups = SecurityGroupsFor(m, ig);
  Fields f{{"block_device_mappings", BlockDevices(m, ig)}};
  if (ig.spec.cpu_credits && !ig.spec.cpu_credits->empty()) {
    f.Set("credit_specification", Fields{{"cpu_credits", *ig.spec.cpu_credits}});
  }
  f.Set("iam_instance_profile", Fields{{"name", Value::Ref(InstanceProfileKeyFor(m, ig))}});
  f.Set("image_id", ImageId(m, ig.spec.image));
  f.Set("instance_type", ig.spec.machine_type);
  if (Value key = KeyNameFor(m); !key.is_null()) f.Set("key_name", key);
  f.Set("lifecycle", Fields{{"create_before_destroy", true}});
  f.Set("metadata_options", MetadataOptions(ig));
  f.Set("monitoring", Fields{{"enabled", ig.spec.detailed_instance_monitoring.value_or(false)}});
  f.Set("name", name);
  f.Set("network_interfaces", Fields{{"associate_public_ip_address", AssociatePublicIp(m, ig)},
                                     {"delete_on_termination", true},
                                     {"ipv6_address_count", 0},
                                     {"security_groups", security_groups}});
  f.Set("tag_specifications", specs);
  f.Set("tags", tags);
  // bastions run no nodeup: no user data
  if (ig.spec.role != api::kRoleBastion) f.Set("user_data", Value::File(NodeUserData(m, ig)));
  auto task = NewResource("LaunchTemplate", name, "aws_launch_template", f);
  task->WithFile("user_data", "user_data", /*base64=*/true);
  return AddTask(g, std::move(task));
}

}  // namespace

Status BuildLaunchTemplates(const ModelContext& m, engine::Graph& graph) {
  for (const auto& ig : m.instance_groups()) {
    if (ig.spec.role == api::kRoleBastion && !graph.Find(SecurityGroupKeyFor(m, ig))) continue;
    RETURN_IF_ERROR(BuildLaunchTemplate(m, ig, graph));
  }
  return Status::Ok();
}

}  // namespace kops::cloud::aws
