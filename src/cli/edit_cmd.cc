// `kops edit cluster [NAME]`, `kops edit instancegroup NAME`: opens the object in
// $KUBE_EDITOR / $EDITOR (vi), validates the result and stores it. An invalid edit is
// rejected with the error and the stored object is left as it was.

#include <memory>

#include "api/validation.h"
#include "cli/commands.h"
#include "cli/editor.h"
#include "cli/spec_files.h"
#include "store/clientset.h"

namespace kops::cli {
namespace {

struct EditOptions {
  std::string name;
};

Status EditCluster(Context& ctx, const EditOptions& opt) {
  ASSIGN_OR_RETURN(std::string name, ctx.ClusterName(opt.name));
  ASSIGN_OR_RETURN(auto cs, ctx.OpenClientset());
  ASSIGN_OR_RETURN(auto current, cs->GetCluster(name));
  std::string before = api::ToYaml(current.object);
  ASSIGN_OR_RETURN(std::string after, EditText(before, name));
  if (after == before) {
    ctx.Err() << "Edit cancelled, no changes made.\n";
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(api::Cluster edited, api::DecodeCluster(after, "edited cluster " + name));
  if (edited.name() != name)
    return InvalidArgument("metadata.name: \"" + edited.name() + "\" differs from \"" + name +
                           "\"; a cluster cannot be renamed");
  RETURN_IF_ERROR(api::ValidateClusterUpdate(current.object, edited));
  RETURN_IF_ERROR(ValidateAfterChange(*cs, edited, {}));
  RETURN_IF_ERROR(cs->UpdateCluster(edited, current.version));
  ctx.Err() << "Cluster " << name << " updated; apply it with: kops update cluster --name " << name << " --yes\n";
  return Status::Ok();
}

Status EditGroup(Context& ctx, const EditOptions& opt) {
  ASSIGN_OR_RETURN(std::string cluster_name, ctx.ClusterName(""));
  ASSIGN_OR_RETURN(auto cs, ctx.OpenClientset());
  ASSIGN_OR_RETURN(auto cluster, cs->GetCluster(cluster_name));
  ASSIGN_OR_RETURN(auto current, cs->GetInstanceGroup(cluster_name, opt.name));
  std::string before = api::ToYaml(current.object);
  ASSIGN_OR_RETURN(std::string after, EditText(before, opt.name));
  if (after == before) {
    ctx.Err() << "Edit cancelled, no changes made.\n";
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(api::InstanceGroup edited, api::DecodeInstanceGroup(after, "edited instancegroup " + opt.name));
  if (edited.name() != opt.name)
    return InvalidArgument("metadata.name: \"" + edited.name() + "\" differs from \"" + opt.name +
                           "\"; an instance group cannot be renamed");
  RETURN_IF_ERROR(ValidateAfterChange(*cs, cluster.object, {edited}));
  RETURN_IF_ERROR(cs->UpdateInstanceGroup(cluster_name, edited, current.version));
  ctx.Err() << "Instance group " << opt.name << " updated\n";
  return Status::Ok();
}

}  // namespace

void RegisterEdit(CLI::App& app, Context& ctx) {
  auto* edit = app.add_subcommand("edit", "Edit a resource in $EDITOR");
  edit->require_subcommand(1);
  auto opt = std::make_shared<EditOptions>();
  auto* cluster = edit->add_subcommand("cluster", "Edit the cluster spec");
  cluster->add_option("name", opt->name, "Cluster name");
  cluster->callback([&ctx, opt] { ctx.action = [&ctx, opt] { return EditCluster(ctx, *opt); }; });
  auto* ig = edit->add_subcommand("instancegroup", "Edit an instance group")->alias("ig");
  ig->add_option("name", opt->name, "Instance group name")->required();
  ig->callback([&ctx, opt] { ctx.action = [&ctx, opt] { return EditGroup(ctx, *opt); }; });
}

}  // namespace kops::cli
