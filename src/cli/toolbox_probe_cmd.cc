// `kops toolbox probe NAME --duration 30s [--rate 50] [-o json]`: writes and reads
// ConfigMaps through the API load balancer with an admin client certificate and
// reports acknowledged / failed writes, the longest gap between successes, acknowledged
// writes lost and the write rate achieved (ops/probe.h). Exits 0 when it ran, whatever
// it measured.
#include <unistd.h>

#include <memory>
#include <vector>

#include "base/http.h"
#include "cli/output_format.h"
#include "cli/commands.h"
#include "cli/local_cloud_cli.h"
#include "ops/client_cert.h"
#include "ops/duration.h"
#include "ops/local_cloud_facts.h"
#include "ops/probe.h"
#include "store/clientset.h"

namespace kops::cli {

namespace {

struct ProbeFlags {
  std::string cluster;
  std::string duration = "30s";
  double rate = 50;
  std::string output = "table";
};

Status Probe(Context& ctx, const ProbeFlags& f) {
  RETURN_IF_ERROR(CheckOutputFlag(f.output, {"table", "json"}));
  if (!(f.rate > 0 && f.rate <= 1000)) return InvalidArgument("--rate: want 0 < rate <= 1000 writes per second");
  ASSIGN_OR_RETURN(auto duration, ops::ParseGoDuration(f.duration));
  ASSIGN_OR_RETURN(auto ref, LocalClusterRef(ctx, f.cluster));
  ASSIGN_OR_RETURN(auto clientset, ctx.OpenClientset());
  auto cloud = LocalClient();
  ASSIGN_OR_RETURN(ops::LocalCloudFacts facts, ops::FetchLocalCloudFacts(cloud, ref));
  ASSIGN_OR_RETURN(std::string endpoint, ops::LocalApiEndpoint(facts, ref.cluster));
  store::Keystore keystore(clientset->vfs(), ref.cluster);
  Clock& clock = RealClock::Instance();
  ASSIGN_OR_RETURN(TlsConfig tls, ops::IssueClientTls(keystore, std::string(store::kKubernetesCa),
                                                      {"kops-probe", {"system:masters"}}, std::chrono::hours(1),
                                                      clock.WallNow()));
  // Each worker keeps one connection across calls, as a Kubernetes client keeps one: the
  // probe's rate is not spent on TLS handshakes. Every write is still a request through
  // the load balancer; the API server closes a connection after 5 requests and a failed
  // call drops it, so the workers reconnect (and haproxy picks a server) often. Writes
  // are issued on the --rate schedule over the pool (ops/probe_workers.h), sized for a
  // write plus its read-back taking ~200 ms on a loaded machine.
  const int worker_count = ops::ProbeWorkerCount(f.rate, std::chrono::milliseconds(200));
  std::vector<std::unique_ptr<HttpClient>> https;
  std::vector<std::unique_ptr<ops::ApiClient>> apis;
  std::vector<ops::ApiClient*> worker_apis;
  for (int i = 0; i <= worker_count; ++i) {  // the last one re-reads and cleans up
    https.push_back(NewKeepAliveCurlHttpClient());
    apis.push_back(std::make_unique<ops::ApiClient>(*https.back(), endpoint, tls, std::chrono::milliseconds(2000)));
    if (i < worker_count) worker_apis.push_back(apis.back().get());
  }
  ops::ApiClient& api = *apis.back();
  ops::ProbeOptions o;
  o.duration = duration;
  o.rate = f.rate;
  o.prefix = "kops-probe-" + std::to_string(getpid()) + "-" +
             std::to_string(std::chrono::duration_cast<std::chrono::seconds>(clock.WallNow().time_since_epoch()).count()) +
             "-";
  ctx.Err() << "probe: writing " << f.rate << " configmaps/s for " << f.duration << " through " << endpoint << " ("
            << worker_count << " workers)\n";
  ops::ProbeReport r;
  {
    ops::ThreadProbeWorkers workers(worker_apis);
    r = ops::RunProbe(api, workers, clock, o, &ctx.Err());
  }
  if (f.output == "json") {
    ctx.Out() << r.ToJson().dump() << "\n";
    return Status::Ok();
  }
  ctx.Out() << "Probe of " << ref.cluster << " through " << endpoint << " for " << r.duration_ms << " ms\n"
            << "acknowledged:    " << r.acknowledged << "\n"
            << "failed:          " << r.failed << "\n"
            << "longest gap:     " << r.longest_gap_ms << " ms\n"
            << "lost:            " << (r.verified ? std::to_string(r.lost) : "unknown (" + r.verify_error + ")")
            << "\n"
            << "achieved rate:   " << r.achieved_rate << " writes/s (requested " << f.rate << ")\n"
            << "reads ok/failed: " << r.reads_ok << "/" << r.reads_failed << "\n";
  if (!r.first_error.empty()) ctx.Out() << "first failure:   " << r.first_error << "\n";
  return Status::Ok();
}

}  // namespace

void RegisterToolboxProbe(CLI::App& app, Context& ctx) {
  CLI::App* toolbox = ToolboxCommand(app);
  auto f = std::make_shared<ProbeFlags>();
  auto* cmd = toolbox->add_subcommand("probe", "Write and read through the API load balancer; report losses and gaps");
  cmd->add_option("cluster", f->cluster, "Cluster name");
  cmd->add_option("--duration", f->duration, "How long to write (e.g. 30s)");
  cmd->add_option("--rate", f->rate, "Writes per second");
  cmd->add_option("-o,--output", f->output, "Output format: table or json");
  cmd->callback([&ctx, f] { ctx.action = [&ctx, f] { return Probe(ctx, *f); }; });
}

}  // namespace kops::cli
