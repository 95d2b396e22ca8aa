// `kops export kubeconfig [NAME] [--admin[=18h]] [--kubeconfig FILE]`: writes the
// cluster, context and user into $KUBECONFIG (first entry) or ~/.kube/config, merged
// with what is there (ops/kubeconfig.h). Server: the local cloud's API load balancer,
// or https://<masterPublicName> on other clouds. --admin issues a client certificate
// from kubernetes-ca (CN=kubecfg-admin, O=system:masters) valid for the duration.
#include <memory>

#include "api/defaults.h"
#include "cli/commands.h"
#include "cli/local_cloud_cli.h"
#include "ops/client_cert.h"
#include "ops/cluster_specs.h"
#include "ops/duration.h"
#include "ops/kubeconfig.h"
#include "ops/local_cloud_facts.h"
#include "store/clientset.h"

namespace kops::cli {

namespace {

struct ExportOptions {
  std::string cluster;
  std::string admin;  // "" = not given
  std::string kubeconfig;
};

Result<std::string> Server(const ops::ClusterSpecs& specs, const cloud::local::ClusterRef& ref) {
  if (specs.cluster.spec.cloud_provider == "local") {
    auto client = LocalClient();
    ASSIGN_OR_RETURN(ops::LocalCloudFacts facts, ops::FetchLocalCloudFacts(client, ref));
    return ops::LocalApiEndpoint(facts, ref.cluster);
  }
  api::Cluster completed = specs.cluster;  // masterPublicName defaults to api.<cluster>, as kops completes it
  api::ApplyDefaults(completed);
  return "https://" + completed.spec.master_public_name;
}

Status Export(Context& ctx, const ExportOptions& o) {
  ASSIGN_OR_RETURN(auto ref, LocalClusterRef(ctx, o.cluster));
  ASSIGN_OR_RETURN(auto clientset, ctx.OpenClientset());
  ASSIGN_OR_RETURN(ops::ClusterSpecs specs, ops::LoadClusterSpecs(*clientset, ref.cluster));
  store::Keystore keystore(clientset->vfs(), ref.cluster);
  ops::KubeconfigEntry entry;
  entry.name = ref.cluster;
  ASSIGN_OR_RETURN(entry.server, Server(specs, ref));
  if (specs.cluster.spec.cloud_provider == "local") entry.tls_server_name = "api.internal." + ref.cluster;
  ASSIGN_OR_RETURN(entry.ca_pem, ops::CaBundlePem(keystore, std::string(store::kKubernetesCa)));
  if (!o.admin.empty()) {
    ASSIGN_OR_RETURN(auto validity, ops::ParseGoDuration(o.admin));
    if (validity.count() <= 0) return InvalidArgument("--admin \"" + o.admin + "\": want a positive duration");
    ASSIGN_OR_RETURN(TlsConfig tls, ops::IssueClientTls(keystore, std::string(store::kKubernetesCa),
                                                        {"kubecfg-admin", {"system:masters"}},
                                                        std::chrono::duration_cast<std::chrono::seconds>(validity),
                                                        RealClock::Instance().WallNow()));
    entry.client_cert_pem = tls.cert_pem;
    entry.client_key_pem = tls.key_pem;
  } else {
    ctx.Warn("no credentials were exported for user " + ref.cluster + ": pass --admin for an admin certificate");
  }
  std::string path = ops::KubeconfigPath(o.kubeconfig);
  RETURN_IF_ERROR(ops::WriteKubeconfig(path, entry));
  ctx.Err() << "kOps has set your kubectl context to " << ref.cluster << " (" << path << ")\n";
  return Status::Ok();
}

}  // namespace

void RegisterExportKubeconfig(CLI::App& app, Context& ctx) {
  CLI::App* exp = SubcommandOf(app, "export", "Export configuration");
  auto o = std::make_shared<ExportOptions>();
  auto* cmd = exp->add_subcommand("kubeconfig", "Export kubeconfig");
  cmd->add_option("cluster", o->cluster, "Cluster name");
  cmd->add_flag("--admin{18h}", o->admin,
                "Also export a cluster admin user credential with the specified lifetime (default 18h)");
  cmd->add_option("--kubeconfig", o->kubeconfig, "Filename of the kubeconfig to create");
  cmd->callback([&ctx, o] { ctx.action = [&ctx, o] { return Export(ctx, *o); }; });
}

}  // namespace kops::cli
