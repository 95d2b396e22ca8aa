// `kops replace -f FILE [--force]`: replaces stored objects with the files' versions.
#include <memory>

#include "api/validation.h"
#include "cli/commands.h"
#include "cli/spec_files.h"
#include "store/clientset.h"

namespace kops::cli {
namespace {

struct ReplaceOptions {
  std::vector<std::string> files;
  bool force = false;
};

Status ReplaceCluster(Context& ctx, store::Clientset& cs, api::Cluster cluster, bool force) {
  auto current = cs.GetCluster(cluster.name());
  if (!current.ok()) {
    if (current.status().code() != Code::kNotFound || !force) return current.status();
    api::Object obj = cluster;
    StampNewObject(obj, cs);
    cluster = std::get<api::Cluster>(obj);
    RETURN_IF_ERROR(api::ValidateAll(cluster, {}, false));
    RETURN_IF_ERROR(cs.CreateClusterWithGroups(cluster, {}));
    ctx.Err() << "Created cluster/" << cluster.name() << "\n";
    return Status::Ok();
  }
  if (cluster.metadata.creation_timestamp.empty())
    cluster.metadata.creation_timestamp = current->object.metadata.creation_timestamp;
  if (cluster.spec.config_base.empty()) cluster.spec.config_base = current->object.spec.config_base;
  RETURN_IF_ERROR(api::ValidateClusterUpdate(current->object, cluster));
  RETURN_IF_ERROR(ValidateAfterChange(cs, cluster, {}));
  RETURN_IF_ERROR(cs.UpdateCluster(cluster, current->version));
  ctx.Err() << "Replaced cluster/" << cluster.name() << "\n";
  return Status::Ok();
}

Status ReplaceGroup(Context& ctx, store::Clientset& cs, api::InstanceGroup ig, bool force) {
  ASSIGN_OR_RETURN(std::string cluster_name, ClusterOfGroup(ig, ctx.global.cluster_name));
  ig.metadata.labels[api::kLabelCluster] = cluster_name;
  ASSIGN_OR_RETURN(auto cluster, cs.GetCluster(cluster_name));
  auto current = cs.GetInstanceGroup(cluster_name, ig.name());
  if (!current.ok() && !(current.status().code() == Code::kNotFound && force)) return current.status();
  if (current.ok() && ig.metadata.creation_timestamp.empty())
    ig.metadata.creation_timestamp = current->object.metadata.creation_timestamp;
  RETURN_IF_ERROR(ValidateAfterChange(cs, cluster.object, {ig}));
  if (!current.ok()) {
    api::Object obj = ig;
    StampNewObject(obj, cs);
    RETURN_IF_ERROR(cs.CreateInstanceGroup(cluster_name, std::get<api::InstanceGroup>(obj)));
    ctx.Err() << "Created instancegroup/" << ig.name() << "\n";
    return Status::Ok();
  }
  RETURN_IF_ERROR(cs.UpdateInstanceGroup(cluster_name, ig, current->version));
  ctx.Err() << "Replaced instancegroup/" << ig.name() << "\n";
  return Status::Ok();
}

Status Replace(Context& ctx, const ReplaceOptions& opt) {
  ASSIGN_OR_RETURN(auto objects, ReadObjectFiles(opt.files, *ctx.in));
  ASSIGN_OR_RETURN(auto cs, ctx.OpenClientset());
  for (auto& o : objects) {
    if (auto* c = std::get_if<api::Cluster>(&o))
      RETURN_IF_ERROR(ReplaceCluster(ctx, *cs, *c, opt.force));
    else
      RETURN_IF_ERROR(ReplaceGroup(ctx, *cs, std::get<api::InstanceGroup>(o), opt.force));
  }
  return Status::Ok();
}

}  // namespace

void RegisterReplace(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<ReplaceOptions>();
  auto* replace = app.add_subcommand("replace", "Replace a resource by filename or stdin");
  replace->add_option("-f,--filename", opt->files, "Files with kops objects (- for stdin)")->required();
  replace->add_flag("--force", opt->force, "Create the resource if it does not exist");
  replace->callback([&ctx, opt] { ctx.action = [&ctx, opt] { return Replace(ctx, *opt); }; });
}

}  // namespace kops::cli
