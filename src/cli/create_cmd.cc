// `kops create -f FILE`, `kops create instancegroup NAME`.
#include <map>
#include <memory>

#include "api/validation.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "cli/editor.h"
#include "cli/spec_files.h"
#include "base/file_util.h"
#include "store/clientset.h"
#include "store/keystore.h"

namespace kops::cli {
namespace {

struct CreateFileOptions {
  std::vector<std::string> files;
};

Status CreateFromFiles(Context& ctx, const CreateFileOptions& opt) {
  ASSIGN_OR_RETURN(auto objects, ReadObjectFiles(opt.files, *ctx.in));
  ASSIGN_OR_RETURN(auto cs, ctx.OpenClientset());
  std::vector<api::Cluster> clusters;
  std::map<std::string, std::vector<api::InstanceGroup>> groups;  // by cluster
  for (auto& o : objects) {
    StampNewObject(o, *cs);
    if (auto* c = std::get_if<api::Cluster>(&o)) {
      clusters.push_back(*c);
    } else {
      auto& ig = std::get<api::InstanceGroup>(o);
      ASSIGN_OR_RETURN(std::string cluster, ClusterOfGroup(ig, ctx.global.cluster_name));
      ig.metadata.labels[api::kLabelCluster] = cluster;
      groups[cluster].push_back(ig);
    }
  }
  // Check everything before writing anything.
  std::map<std::string, bool> new_cluster;
  for (const auto& c : clusters) {
    if (cs->GetCluster(c.name()).ok())
      return AlreadyExists("cluster \"" + c.name() + "\" already exists; use 'kops replace -f' to change it");
    RETURN_IF_ERROR(api::ValidateAll(c, groups[c.name()], false));
    new_cluster[c.name()] = true;
  }
  for (const auto& [cluster, igs] : groups) {
    if (new_cluster.count(cluster)) continue;
    ASSIGN_OR_RETURN(auto existing, cs->GetCluster(cluster));
    for (const auto& ig : igs)
      if (cs->GetInstanceGroup(cluster, ig.name()).ok())
        return AlreadyExists("instance group \"" + ig.name() + "\" already exists in cluster \"" + cluster +
                             "\"; use 'kops replace -f' to change it");
    RETURN_IF_ERROR(ValidateAfterChange(*cs, existing.object, igs));
  }
  for (const auto& c : clusters) {
    RETURN_IF_ERROR(cs->CreateClusterWithGroups(c, groups[c.name()]));
    ctx.Err() << "Created cluster/" << c.name() << "\n";
    for (const auto& ig : groups[c.name()]) ctx.Err() << "Created instancegroup/" << ig.name() << "\n";
  }
  for (const auto& [cluster, igs] : groups) {
    if (new_cluster.count(cluster)) continue;
    for (const auto& ig : igs) {
      RETURN_IF_ERROR(cs->CreateInstanceGroup(cluster, ig));
      ctx.Err() << "Created instancegroup/" << ig.name() << "\n";
    }
  }
  return Status::Ok();
}

struct CreateGroupOptions {
  std::string name;
  std::string role = "Node";
  std::vector<std::string> subnets;
  std::string machine_type;
  std::string image;
  int min_size = -1, max_size = -1;
  bool dry_run = false;
  std::string output = "yaml";
  bool edit = false;
};

Status CreateGroup(Context& ctx, const CreateGroupOptions& opt) {
  ASSIGN_OR_RETURN(std::string cluster_name, ctx.ClusterName(""));
  ASSIGN_OR_RETURN(auto cs, ctx.OpenClientset());
  ASSIGN_OR_RETURN(auto cluster, cs->GetCluster(cluster_name));
  api::InstanceGroup ig;
  ig.metadata.name = opt.name;
  ig.metadata.labels[api::kLabelCluster] = cluster_name;
  std::string role = opt.role == "ControlPlane" ? api::kRoleMaster : opt.role;
  const std::vector<std::string> roles = {"ControlPlane", "Master", "APIServer", "Node", "Bastion"};
  if (std::find(roles.begin(), roles.end(), opt.role) == roles.end())
    return InvalidArgument("--role \"" + opt.role + "\" is not a role; accepted: " + QuoteList(roles));
  ig.spec.role = role;
  ig.spec.subnets = opt.subnets;
  if (ig.spec.subnets.empty())
    for (const auto& s : cluster.object.spec.subnets)
      if (s.type != api::kSubnetUtility) ig.spec.subnets.push_back(s.name);
  // Control-plane and bastion groups have exactly one instance; nodes default to 2.
  int def = (role == api::kRoleMaster || role == api::kRoleBastion) ? 1 : 2;
  ig.spec.min_size = opt.min_size >= 0 ? opt.min_size : def;
  ig.spec.max_size = opt.max_size >= 0 ? opt.max_size : std::max(def, *ig.spec.min_size);
  ig.spec.machine_type = opt.machine_type;
  ig.spec.image = opt.image;
  ig.spec.node_labels[api::kLabelInstanceGroup] = opt.name;
  api::Object obj = ig;
  StampNewObject(obj, *cs);
  ig = std::get<api::InstanceGroup>(obj);
  if (opt.edit) {
    ASSIGN_OR_RETURN(std::string edited, EditText(api::ToYaml(ig), ig.name()));
    ASSIGN_OR_RETURN(ig, api::DecodeInstanceGroup(edited, "edited instancegroup " + ig.name()));
    obj = ig;
  }
  if (cs->GetInstanceGroup(cluster_name, ig.name()).ok())
    return AlreadyExists("instance group \"" + ig.name() + "\" already exists in cluster \"" + cluster_name + "\"");
  RETURN_IF_ERROR(ValidateAfterChange(*cs, cluster.object, {ig}));
  if (opt.dry_run) {
    ctx.Out() << (opt.output == "json" ? api::ToJsonText(obj) : api::ToYaml(obj));
    return Status::Ok();
  }
  RETURN_IF_ERROR(cs->CreateInstanceGroup(cluster_name, ig));
  ctx.Err() << "Created instancegroup/" << ig.name() << "\n"
            << "To apply it: kops update cluster --name " << cluster_name << " --yes\n";
  return Status::Ok();
}

struct CreateSshKeyOptions {
  std::string file;
};

// Registers an SSH public key for the cluster's instances, as kops stores it
// (<cluster>/pki/ssh/public/admin/<fingerprint>).
Status CreateSshPublicKey(Context& ctx, const CreateSshKeyOptions& opt) {
  ASSIGN_OR_RETURN(std::string cluster_name, ctx.ClusterName(""));
  if (opt.file.empty()) return InvalidArgument("-i/--ssh-public-key is required: the path of an OpenSSH public key");
  ASSIGN_OR_RETURN(std::string key, ReadFile(opt.file));
  ASSIGN_OR_RETURN(auto cs, ctx.OpenClientset());
  ASSIGN_OR_RETURN(auto cluster, cs->GetCluster(cluster_name));
  store::Keystore keystore(cs->vfs(), cluster_name);
  auto fingerprint = keystore.AddSSHPublicKey(key);
  if (!fingerprint.ok()) return fingerprint.status().WithContext("--ssh-public-key " + opt.file);
  ctx.Err() << "Added SSH public key " << *fingerprint << " to cluster " << cluster_name << "\n";
  return Status::Ok();
}

}  // namespace

void RegisterCreate(CLI::App& create, Context& ctx) {
  auto fopt = std::make_shared<CreateFileOptions>();
  create.add_option("-f,--filename", fopt->files, "Files with kops objects to create (- for stdin)");
  create.callback([&ctx, fopt, &create] {
    if (create.get_subcommands().empty())
      ctx.action = [&ctx, fopt] { return CreateFromFiles(ctx, *fopt); };
  });

  auto gopt = std::make_shared<CreateGroupOptions>();
  auto* ig = create.add_subcommand("instancegroup", "Create an instance group")->alias("ig");
  ig->add_option("name", gopt->name, "Instance group name")->required();
  ig->add_option("--role", gopt->role, "ControlPlane, APIServer, Node or Bastion");
  ig->add_option("--subnet", gopt->subnets, "Subnets of the group (default: every non-utility subnet)")
      ->delimiter(',');
  ig->add_option("--machine-type", gopt->machine_type, "Machine type");
  ig->add_option("--image", gopt->image, "Image");
  ig->add_option("--min-size", gopt->min_size, "Minimum instances");
  ig->add_option("--max-size", gopt->max_size, "Maximum instances");
  ig->add_flag("--dry-run", gopt->dry_run, "Print the group instead of storing it");
  ig->add_option("-o,--output", gopt->output, "Output format of --dry-run: yaml or json");
  ig->add_flag("--edit,!--no-edit", gopt->edit, "Open the new group in $EDITOR before storing it");
  ig->callback([&ctx, gopt] { ctx.action = [&ctx, gopt] { return CreateGroup(ctx, *gopt); }; });

  auto kopt = std::make_shared<CreateSshKeyOptions>();
  auto* key = create.add_subcommand("sshpublickey", "Add an SSH public key to the cluster");
  key->add_option("-i,--ssh-public-key", kopt->file, "Path of the OpenSSH public key")->required();
  key->callback([&ctx, kopt] { ctx.action = [&ctx, kopt] { return CreateSshPublicKey(ctx, *kopt); }; });
}

}  // namespace kops::cli
