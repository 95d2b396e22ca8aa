// `kops create cluster [NAME]`: kops' flags into create::CreateClusterOptions, then
// create::NewCluster; --dry-run -o yaml|json prints the objects, otherwise they are
// validated and written to the state store, and kops' next steps go to stderr.
#include <cstdlib>
#include <map>
#include <memory>

#include "api/codec.h"
#include "base/file_util.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "create/csv.h"
#include "create/new_cluster.h"
#include "ops/ha_report.h"
#include "store/clientset.h"
#include "store/keystore.h"

namespace kops::cli {
namespace {

// Raw flag values: lists as given per occurrence (split like pflag's StringSlice later).
struct CreateClusterFlags {
  std::string positional_name;
  create::CreateClusterOptions opt;
  std::map<std::string, std::vector<std::string>> lists;  // flag -> occurrences
  std::map<std::string, std::string> deprecated_scalars;  // old flag -> value
  int32_t master_count = 0;
  int32_t master_volume_size = 0;
  bool encrypt_etcd_storage = false;
  bool associate_public_ip = false;
  bool dry_run = false;
  bool yes = false;
  std::string output;
  std::string target = "direct";
  std::string out_dir;
};

// Deprecated flag -> its replacement (kops marks them with cobra's MarkDeprecated).
const std::vector<std::pair<std::string, std::string>> kDeprecated = {
    {"--master-zones", "--control-plane-zones"},
    {"--master-count", "--control-plane-count"},
    {"--master-size", "--control-plane-size"},
    {"--master-image", "--control-plane-image"},
    {"--master-security-groups", "--control-plane-security-groups"},
    {"--master-tenancy", "--control-plane-tenancy"},
    {"--master-public-name", "--api-public-name"},
    {"--master-volume-size", "--control-plane-volume-size"},
    {"--vpc", "--network-id"},
    {"--override", "--set"},
};

Result<std::vector<std::string>> SplitList(const std::string& flag,
                                           const std::vector<std::string>& occurrences) {
  std::vector<std::string> out;
  for (const std::string& occ : occurrences) {
    if (occ.empty()) continue;
    auto fields = create::ParseCsvRecord(occ);
    if (!fields.ok()) return fields.status().WithContext(flag);
    for (auto& f : *fields) out.push_back(std::move(f));
  }
  return out;
}

Status ResolveLists(CreateClusterFlags& f) {
  auto& o = f.opt;
  auto take = [&](const std::vector<std::string>& names,
                  std::vector<std::string>& into) -> Status {
    for (const auto& name : names) {
      ASSIGN_OR_RETURN(auto values, SplitList(name, f.lists[name]));
      into.insert(into.end(), values.begin(), values.end());
    }
    return Status::Ok();
  };
  RETURN_IF_ERROR(take({"--zones"}, o.zones));
  RETURN_IF_ERROR(take({"--control-plane-zones", "--master-zones"}, o.control_plane_zones));
  RETURN_IF_ERROR(take({"--network-cidr"}, o.network_cidrs));
  RETURN_IF_ERROR(take({"--admin-access"}, o.admin_access));
  RETURN_IF_ERROR(take({"--ssh-access"}, o.ssh_access));
  RETURN_IF_ERROR(take({"--subnets"}, o.subnet_ids));
  RETURN_IF_ERROR(take({"--utility-subnets"}, o.utility_subnet_ids));
  RETURN_IF_ERROR(take({"--node-security-groups"}, o.node_security_groups));
  RETURN_IF_ERROR(take({"--control-plane-security-groups", "--master-security-groups"},
                       o.control_plane_security_groups));
  RETURN_IF_ERROR(take({"--control-plane-size", "--master-size"}, o.control_plane_sizes));
  RETURN_IF_ERROR(take({"--node-size"}, o.node_sizes));
  RETURN_IF_ERROR(take({"--kubernetes-feature-gates"}, o.kubernetes_feature_gates));
  RETURN_IF_ERROR(take({"--unset"}, o.unsets));
  std::vector<std::string> etcd;
  RETURN_IF_ERROR(take({"--etcd-clusters"}, etcd));
  if (!etcd.empty()) o.etcd_clusters = etcd;
  // --set keeps one entry per occurrence: NewCluster splits them with lazy quotes.
  for (const char* name : {"--override", "--set"})
    for (const auto& s : f.lists[name]) o.sets.push_back(s);
  return Status::Ok();
}

void PrintNextSteps(Context& ctx, const create::NewClusterResult& r, bool yes) {
  const std::string& name = r.cluster.name();
  std::string first_node, first_cp;
  for (const auto& g : r.instance_groups) {
    if (g.spec.role == api::kRoleNode && first_node.empty()) first_node = g.name();
    if (g.spec.IsControlPlane() && first_cp.empty()) first_cp = g.name();
  }
  auto& err = ctx.Err();
  err << "\nCluster configuration has been created.\n\nSuggestions:\n"
      << " * list clusters with: kops get cluster\n"
      << " * edit this cluster with: kops edit cluster " << name << "\n";
  if (!first_node.empty())
    err << " * edit your node instance group: kops edit ig --name=" << name << " " << first_node
        << "\n";
  if (!first_cp.empty())
    err << " * edit your control-plane instance group: kops edit ig --name=" << name << " "
        << first_cp << "\n";
  err << "\n"
      << (yes ? "Apply it with: " : "Finally configure your cluster with: ")
      << "kops update cluster --name " << name << " --yes --admin\n\n";
}

Status AddSshKey(store::Clientset& cs, const std::string& cluster, std::string path) {
  if (StartsWith(path, "~/"))
    if (const char* home = std::getenv("HOME")) path = std::string(home) + path.substr(1);
  auto key = ReadFile(path);
  if (!key.ok())
    return InvalidArgument("--ssh-public-key \"" + path + "\": error reading SSH key file: " +
                           key.status().message());
  store::Keystore keystore(cs.vfs(), cluster);
  auto added = keystore.AddSSHPublicKey(Trim(*key));
  return added.ok() ? Status::Ok() : added.status().WithContext("--ssh-public-key");
}

Status RunCreateCluster(Context& ctx, CreateClusterFlags& f) {
  RETURN_IF_ERROR(ResolveLists(f));
  auto& o = f.opt;
  if (f.master_count != 0 && o.control_plane_count == 0) o.control_plane_count = f.master_count;
  if (f.master_volume_size != 0 && o.control_plane_volume_size == 0)
    o.control_plane_volume_size = f.master_volume_size;
  if (f.dry_run && f.output.empty())
    return InvalidArgument("unable to execute --dry-run without setting --output (-o yaml or -o json)");
  std::string format = ToLower(f.output);
  if (!f.output.empty() && format != "yaml" && format != "json")
    return InvalidArgument("--output \"" + f.output + "\": unsupported output type; accepted: "
                           "yaml, json");
  if (f.target != "direct" && f.target != "terraform" && f.target != "dryrun")
    return InvalidArgument("--target \"" + f.target + "\": accepted: direct, terraform, dryrun");
  ASSIGN_OR_RETURN(o.cluster_name, ctx.ClusterName(f.positional_name));
  ASSIGN_OR_RETURN(o.state_store, ctx.StateStore());
  while (EndsWith(o.state_store, "/")) o.state_store.pop_back();

  std::unique_ptr<store::Clientset> cs;
  if (!f.dry_run) {
    ASSIGN_OR_RETURN(cs, ctx.OpenClientset());
    if (cs->GetCluster(o.cluster_name).ok())
      return AlreadyExists("cluster \"" + o.cluster_name +
                           "\" already exists; use 'kops update cluster' to apply changes");
    o.config_base = cs->ConfigBaseFor(o.cluster_name);
  }
  ASSIGN_OR_RETURN(auto result, create::NewCluster(o));
  for (const auto& w : result.warnings) ctx.Warn(w);
  if (std::string verdict = ops::QuorumVerdictLine(ops::AnalyzeHa(result.cluster, result.instance_groups));
      !verdict.empty())
    ctx.Warn(verdict);

  if (f.dry_run) {
    std::vector<api::Object> objects{result.cluster};
    for (const auto& g : result.instance_groups) objects.emplace_back(g);
    ctx.Out() << (format == "json" ? api::ObjectsToJson(objects, objects.size() != 1)
                                   : api::ObjectsToYaml(objects));
    return Status::Ok();
  }
  RETURN_IF_ERROR(cs->CreateClusterWithGroups(result.cluster, result.instance_groups));
  if (!o.ssh_public_key.empty())
    RETURN_IF_ERROR(AddSshKey(*cs, o.cluster_name, o.ssh_public_key));
  PrintNextSteps(ctx, result, f.yes);
  return Status::Ok();
}

void AddList(CLI::App& cmd, CreateClusterFlags& f, const std::string& flag,
             const std::string& help) {
  cmd.add_option(flag, f.lists[flag], help)
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

}  // namespace

void RegisterCreateCluster(CLI::App& create, Context& ctx) {
  auto f = std::make_shared<CreateClusterFlags>();
  auto& o = f->opt;
  CLI::App* cmd = create.add_subcommand("cluster", "Create a Kubernetes cluster.");
  cmd->add_option("cluster", f->positional_name, "Cluster name (or --name)");

  AddList(*cmd, *f, "--zones", "Zones in which to run the cluster");
  AddList(*cmd, *f, "--control-plane-zones", "Zones in which to run control-plane nodes (an odd number)");
  AddList(*cmd, *f, "--network-cidr", "Network CIDR(s) to use");
  AddList(*cmd, *f, "--admin-access", "Restrict API access to these CIDRs");
  AddList(*cmd, *f, "--ssh-access", "Restrict SSH access to these CIDRs (default: --admin-access)");
  AddList(*cmd, *f, "--subnets", "Shared subnets to use");
  AddList(*cmd, *f, "--utility-subnets", "Shared utility subnets to use");
  AddList(*cmd, *f, "--node-security-groups", "Additional security groups for worker nodes");
  AddList(*cmd, *f, "--control-plane-security-groups", "Additional security groups for control-plane nodes");
  AddList(*cmd, *f, "--control-plane-size", "Machine type(s) for control-plane nodes");
  AddList(*cmd, *f, "--node-size", "Machine type(s) for worker nodes");
  AddList(*cmd, *f, "--kubernetes-feature-gates", "Kubernetes feature gates to enable (+Name) or disable (-Name)");
  AddList(*cmd, *f, "--etcd-clusters", "Names of the etcd clusters: main, events");
  AddList(*cmd, *f, "--set", "Directly set values in the spec (path=value)");
  AddList(*cmd, *f, "--unset", "Directly unset values in the spec (path)");
  for (const char* old_list : {"--master-zones", "--master-size", "--master-security-groups", "--override"})
    AddList(*cmd, *f, old_list, "Deprecated");

  cmd->add_option("--cloud", o.cloud_provider, "Cloud provider to use: aws, local");
  cmd->add_option("--kubernetes-version", o.kubernetes_version, "Version of Kubernetes to run (default: the channel's)");
  cmd->add_option("--channel", o.channel, "Channel for default versions and configuration");
  cmd->add_option("--control-plane-count", o.control_plane_count, "Number of control-plane nodes");
  cmd->add_option("--master-count", f->master_count, "Deprecated");
  cmd->add_option("--node-count", o.node_count, "Total number of worker nodes (default: one per zone)");
  cmd->add_option("--api-server-count", o.api_server_count, "Number of API server nodes");
  cmd->add_option("--image", o.image, "Machine image for all instances");
  cmd->add_option("--control-plane-image", o.control_plane_image, "Machine image for control-plane nodes");
  cmd->add_option("--node-image", o.node_image, "Machine image for worker nodes");
  cmd->add_option("--bastion-image", o.bastion_image, "Machine image for bastions");
  cmd->add_option("--control-plane-volume-size", o.control_plane_volume_size, "Root volume size (GB) of control-plane nodes");
  cmd->add_option("--master-volume-size", f->master_volume_size, "Deprecated");
  cmd->add_option("--node-volume-size", o.node_volume_size, "Root volume size (GB) of worker nodes");
  cmd->add_option("--network-id", o.network_id, "Shared network (VPC) to use");
  cmd->add_option("--topology,-t", o.topology, "Network topology: public or private");
  cmd->add_option("--networking", o.networking, "Networking mode: cilium (default), calico, cni, kubenet, ...");
  cmd->add_option("--dns", o.dns_type, "DNS type: public, private, none");
  cmd->add_option("--dns-zone", o.dns_zone, "DNS hosted zone");
  cmd->add_option("--api-loadbalancer-type", o.api_load_balancer_type, "API load balancer type: public or internal");
  cmd->add_option("--api-loadbalancer-class", o.api_load_balancer_class, "API load balancer class (AWS): classic or network");
  cmd->add_option("--api-ssl-certificate", o.api_ssl_certificate, "SSL certificate ARN for the API load balancer (AWS)");
  cmd->add_option("--api-public-name", o.api_public_name, "Domain name of the public Kubernetes API");
  cmd->add_option("--discovery-store", o.discovery_store, "Public store for OIDC discovery documents");
  cmd->add_option("--etcd-storage-type", o.etcd_storage_type, "Storage type of the etcd volumes");
  cmd->add_option("--instance-manager", o.instance_manager, "cloudgroups (default) or karpenter");
  cmd->add_option("--cloud-labels", o.cloud_labels, "key=value tags for all instance groups (\"Owner=John Doe,Team=x\")");
  cmd->add_option("--control-plane-tenancy", o.control_plane_tenancy, "Tenancy of control-plane groups (AWS)");
  cmd->add_option("--node-tenancy", o.node_tenancy, "Tenancy of node groups (AWS)");
  cmd->add_option("--authorization", o.authorization, "Authorization mode: RBAC or AlwaysAllow");
  cmd->add_option("--ssh-public-key", o.ssh_public_key, "SSH public key file to use");
  cmd->add_option("--egress", o.egress, "Egress of the subnets");
  for (const char* old_scalar : {"--master-image", "--master-tenancy", "--master-public-name", "--vpc"})
    cmd->add_option(old_scalar, f->deprecated_scalars[old_scalar], "Deprecated");
  cmd->add_flag("--bastion", o.bastion, "Add a bastion instance group (private topology)");
  cmd->add_flag("--ipv6", o.ipv6, "Use IPv6 for the pod network (AWS)");
  auto* encrypt = cmd->add_flag("--encrypt-etcd-storage", f->encrypt_etcd_storage, "Encrypt etcd volumes");
  auto* public_ip = cmd->add_flag("--associate-public-ip", f->associate_public_ip, "Associate public IPs");
  cmd->add_flag("--dry-run", f->dry_run, "Only print the objects (needs -o)");
  cmd->add_option("-o,--output", f->output, "Output format of --dry-run: yaml or json");
  cmd->add_flag("-y,--yes", f->yes, "Create the cluster now");
  cmd->add_option("--target", f->target, "direct, terraform or dryrun");
  cmd->add_option("--out", f->out_dir, "Where to write local output");

  cmd->callback([&ctx, f, cmd, encrypt, public_ip] {
    for (const auto& [old_flag, replacement] : kDeprecated) {
      if (cmd->count(old_flag) == 0) continue;
      ctx.Err() << "Flag " << old_flag << " has been deprecated, use " << replacement
                << " instead\n";
    }
    auto& o = f->opt;
    auto scalar = [&](const char* old_flag, std::string& into) {
      if (into.empty()) into = f->deprecated_scalars[old_flag];
    };
    scalar("--master-image", o.control_plane_image);
    scalar("--master-tenancy", o.control_plane_tenancy);
    scalar("--master-public-name", o.api_public_name);
    scalar("--vpc", o.network_id);
    if (encrypt->count()) o.encrypt_etcd_storage = f->encrypt_etcd_storage;
    if (public_ip->count()) o.associate_public_ip = f->associate_public_ip;
    if (o.api_load_balancer_class == "classic")
      ctx.Warn("AWS Classic Load Balancer support for API is deprecated and should not be used "
               "for newly created clusters");
    ctx.action = [&ctx, f] { return RunCreateCluster(ctx, *f); };
  });
}

}  // namespace kops::cli
