// `kops delete cluster NAME --yes`, `kops delete instancegroup NAME --yes`,
// `kops delete -f FILE --yes`. Without --yes they say what would be deleted.
#include <memory>

#include "cli/commands.h"
#include "cli/spec_files.h"
#include "cloud/local/update.h"
#include "store/clientset.h"

namespace kops::cli {
namespace {

struct DeleteOptions {
  std::string name;
  std::vector<std::string> files;
  bool yes = false;
};

Status DeleteCluster(Context& ctx, const std::string& positional, bool yes) {
  ASSIGN_OR_RETURN(std::string name, ctx.ClusterName(positional));
  ASSIGN_OR_RETURN(auto cs, ctx.OpenClientset());
  ASSIGN_OR_RETURN(auto cluster, cs->GetCluster(name));
  ASSIGN_OR_RETURN(auto paths, cs->vfs().List(name + "/"));
  if (!yes) {
    ctx.Err() << "Would delete cluster " << name << ": " << paths.size()
              << " objects in the state store (spec, instance groups, keys, secrets)\n"
              << "Must specify --yes to delete cluster\n";
    return Status::Ok();
  }
  if (cluster.object.spec.cloud_provider == "local") {
    ASSIGN_OR_RETURN(std::string store, ctx.StateStore());
    cloud::local::DeleteLocalOptions local{.ref = {store, name}};
    RETURN_IF_ERROR(cloud::local::DeleteLocalClusterResources(local, ctx.Err()));
  }
  RETURN_IF_ERROR(cs->DeleteClusterState(name));
  ctx.Err() << "Deleted cluster: \"" << name << "\"\n";
  return Status::Ok();
}

Status DeleteGroup(Context& ctx, const std::string& cluster_name, const std::string& ig, bool yes) {
  ASSIGN_OR_RETURN(auto cs, ctx.OpenClientset());
  ASSIGN_OR_RETURN(auto cluster, cs->GetCluster(cluster_name));
  ASSIGN_OR_RETURN(auto group, cs->GetInstanceGroup(cluster_name, ig));
  RETURN_IF_ERROR(ValidateAfterChange(*cs, cluster.object, {}, {ig}).WithContext(
      "deleting instance group \"" + ig + "\" would leave an invalid cluster"));
  if (!yes) {
    ctx.Err() << "Would delete instance group \"" << ig << "\" of cluster \"" << cluster_name << "\"\n"
              << "Must specify --yes to delete instancegroup\n";
    return Status::Ok();
  }
  RETURN_IF_ERROR(cs->DeleteInstanceGroup(cluster_name, ig));
  ctx.Err() << "InstanceGroup \"" << ig << "\" deleted\n";
  return Status::Ok();
}

Status DeleteFromFiles(Context& ctx, const DeleteOptions& opt) {
  ASSIGN_OR_RETURN(auto objects, ReadObjectFiles(opt.files, *ctx.in));
  for (const auto& o : objects) {
    if (auto* c = std::get_if<api::Cluster>(&o)) {
      RETURN_IF_ERROR(DeleteCluster(ctx, c->name(), opt.yes));
    } else {
      const auto& ig = std::get<api::InstanceGroup>(o);
      ASSIGN_OR_RETURN(std::string cluster, ClusterOfGroup(ig, ctx.global.cluster_name));
      RETURN_IF_ERROR(DeleteGroup(ctx, cluster, ig.name(), opt.yes));
    }
  }
  return Status::Ok();
}

}  // namespace

void RegisterDelete(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<DeleteOptions>();
  auto* del = app.add_subcommand("delete", "Delete clusters, instance groups or objects from files");
  del->add_option("-f,--filename", opt->files, "Files with the objects to delete");
  del->add_flag("-y,--yes", opt->yes, "Really delete");
  del->callback([&ctx, opt, del] {
    if (del->get_subcommands().empty())
      ctx.action = [&ctx, opt] { return DeleteFromFiles(ctx, *opt); };
  });
  auto* cluster = del->add_subcommand("cluster", "Delete a cluster");
  cluster->add_option("name", opt->name, "Cluster name");
  cluster->add_flag("-y,--yes", opt->yes, "Really delete");
  cluster->callback([&ctx, opt] { ctx.action = [&ctx, opt] { return DeleteCluster(ctx, opt->name, opt->yes); }; });
  auto* ig = del->add_subcommand("instancegroup", "Delete an instance group")->alias("ig");
  ig->add_option("name", opt->name, "Instance group name")->required();
  ig->add_flag("-y,--yes", opt->yes, "Really delete");
  ig->callback([&ctx, opt] {
    ctx.action = [&ctx, opt]() -> Status {
      ASSIGN_OR_RETURN(std::string cluster, ctx.ClusterName(""));
      return DeleteGroup(ctx, cluster, opt->name, opt->yes);
    };
  });
}

}  // namespace kops::cli
