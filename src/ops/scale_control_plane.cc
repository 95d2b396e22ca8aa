#include "ops/scale_control_plane.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <memory>
#include <set>

#include "api/validation.h"
#include "base/http.h"
#include "base/time_format.h"
#include "cloud/local/local_tasks.h"
#include "cloud/local/update.h"
#include "create/scale_control_plane.h"
#include "ops/lb_drain.h"
#include "ops/local_cloud_facts.h"
#include "ops/scale_etcd.h"
#include "store/keystore.h"

namespace kops::ops {

namespace local = kops::cloud::local;
using Kind = create::ScaleStep::Kind;

namespace {

std::string Seconds(Clock::Duration d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1fs", std::chrono::duration<double>(d).count());
  return buf;
}

// The local cloud's daemon, update cluster's apply and etcd over TLS.
class LocalScaleBackend : public ScaleBackend {
 public:
  LocalScaleBackend(const ScaleControlPlaneOptions& o, local::ClusterRef ref, Clock& clock)
      : o_(o),
        ref_(std::move(ref)),
        http_(NewCurlHttpClient()),
        keystore_(o.clientset->vfs(), o.cluster_name),
        etcd_(*http_, keystore_, clock) {}

  Result<LocalCloudFacts> Facts() override { return FetchLocalCloudFacts(cloud_, ref_); }
  Result<std::vector<local::Volume>> Volumes() override { return cloud_.DescribeVolumes(ref_, {}); }
  Status DeleteVolume(const std::string& id) override { return cloud_.DeleteVolume(ref_, id); }
  Status Apply(std::ostream& progress) override {
    local::UpdateLocalOptions u;
    u.cluster_name = o_.cluster_name;
    u.yes = true;
    u.clientset = o_.clientset;
    u.store_url = ref_.store_url;
    u.clock = o_.clock;
    u.launch_timeout = o_.instance_timeout;
    u.suggestions = false;  // a step of this command, not the end of an update
    return local::UpdateLocalCluster(u, progress);
  }
  std::vector<create::EtcdMembershipSeen> Observe(const api::Cluster& cluster,
                                                  const LocalCloudFacts& facts) override {
    return etcd_.Observe(cluster, facts);
  }
  std::string MissingMembers(const api::Cluster& cluster, const std::string& etcd_cluster,
                             const LocalCloudFacts& facts) override {
    return etcd_.MissingMembers(cluster, etcd_cluster, facts);
  }
  Status RemoveMember(const std::string& etcd_cluster, const std::string& member,
                      const std::string& group, const LocalCloudFacts& facts,
                      std::ostream& progress) override {
    return etcd_.RemoveMember(etcd_cluster, member, group, facts, progress);
  }
  Result<bool> Lists(const std::string& etcd_cluster, const std::string& member,
                     const LocalCloudFacts& facts, const std::string& skip_group) override {
    return etcd_.Lists(etcd_cluster, member, facts, skip_group);
  }
  Status DrainFromLoadBalancer(const std::string& instance_id) override {
    return cloud_.DrainBackend(ref_, instance_id);
  }
  Result<int> LoadBalancerConnections(const std::string& instance_id) override {
    ASSIGN_OR_RETURN(std::vector<local::BackendInfo> backends, cloud_.DescribeBackends(ref_));
    int open = 0;
    for (const auto& b : backends)
      if (b.instance_id == instance_id) open += b.connections;
    return open;
  }

 private:
  const ScaleControlPlaneOptions& o_;
  local::ClusterRef ref_;
  local::LocalCloudClient cloud_;
  std::unique_ptr<HttpClient> http_;
  store::Keystore keystore_;
  ScaleEtcd etcd_;
};

// Everything one run works with; Refresh re-reads the spec and the cloud.
class Scaler {
 public:
  Scaler(const ScaleControlPlaneOptions& o, std::ostream& progress)
      : o_(o),
        progress_(progress),
        clock_(o.clock ? *o.clock : RealClock::Instance()),
        ref_{o.store_url.empty() ? o.clientset->vfs().Url() : o.store_url, o.cluster_name},
        start_(clock_.Now()) {
    if (o.backend == nullptr) owned_ = std::make_unique<LocalScaleBackend>(o, ref_, clock_);
    backend_ = o.backend ? o.backend : owned_.get();
  }

  Status Run();

 private:
  Status Refresh();
  Result<create::ScalePlan> Plan();
  Status Execute(const create::ScalePlan& plan, const create::ScaleStep& step);
  Status AddToSpec(const create::ScalePlan& plan);
  Status RemoveFromSpec(const std::vector<std::string>& groups);
  Status RemoveEtcdMember(const create::ScaleStep& step);
  Status TakeOutOfLoadBalancer(const std::string& group);
  Status Apply();
  Status WaitForMembers();
  Status DeleteVolumes(const create::ScaleStep& step);
  Status WaitUntil(const std::string& what, Clock::Duration timeout,
                   const std::function<std::string()>& pending);
  std::string Elapsed() const { return Seconds(clock_.Now() - start_); }

  const ScaleControlPlaneOptions& o_;
  std::ostream& progress_;
  Clock& clock_;
  local::ClusterRef ref_;
  std::unique_ptr<ScaleBackend> owned_;
  ScaleBackend* backend_ = nullptr;
  Clock::TimePoint start_;
  store::Versioned<api::Cluster> cluster_;
  std::vector<api::InstanceGroup> groups_;
  LocalCloudFacts facts_;
  std::vector<std::string> volume_members_;
};

Status Scaler::Refresh() {
  store::Clientset& cs = *o_.clientset;
  ASSIGN_OR_RETURN(cluster_, cs.GetCluster(o_.cluster_name));
  ASSIGN_OR_RETURN(auto groups, cs.ListInstanceGroups(o_.cluster_name));
  groups_.clear();
  for (auto& g : groups) groups_.push_back(std::move(g.object));
  ASSIGN_OR_RETURN(facts_, backend_->Facts());
  ASSIGN_OR_RETURN(std::vector<local::Volume> volumes, backend_->Volumes());
  volume_members_.clear();
  for (const auto& v : volumes)
    if (auto member = local::EtcdMemberOfVolume(v.tags)) volume_members_.push_back(member->second);
  return Status::Ok();
}

Result<create::ScalePlan> Scaler::Plan() {
  RETURN_IF_ERROR(Refresh());
  create::ScaleObserved seen;
  seen.etcd = backend_->Observe(cluster_.object, facts_);
  for (const auto& g : facts_.groups) seen.cloud_groups.push_back(g.name);
  seen.volume_members = volume_members_;
  create::ScaleRequest request{o_.zones, o_.count, Rfc3339Utc(clock_.WallNow())};
  return create::PlanControlPlaneScale(cluster_.object, groups_, request, seen);
}

Status Scaler::WaitUntil(const std::string& what, Clock::Duration timeout,
                         const std::function<std::string()>& pending) {
  const Clock::TimePoint begin = clock_.Now();
  std::string last;
  Clock::TimePoint last_print = begin;
  while (true) {
    std::string left = pending();
    if (left.empty()) return Status::Ok();
    Clock::TimePoint now = clock_.Now();
    if (left != last || now - last_print >= std::chrono::seconds(5)) {
      progress_ << "  waiting for " << what << ": " << left << " [" << Seconds(now - begin) << "]\n";
      last = left;
      last_print = now;
    }
    if (now - begin >= timeout)
      return DeadlineExceeded("timed out after " + Seconds(now - begin) + " waiting for " + what +
                              ": " + left + "; run the same command again to resume");
    clock_.SleepFor(std::chrono::milliseconds(500));
  }
}

Status Scaler::AddToSpec(const create::ScalePlan& plan) {
  store::Clientset& cs = *o_.clientset;
  std::vector<api::InstanceGroup> all = groups_;
  all.insert(all.end(), plan.new_groups.begin(), plan.new_groups.end());
  // As `kops replace` validates: what may not change, then the whole spec.
  RETURN_IF_ERROR(api::ValidateClusterUpdate(cluster_.object, plan.grown_cluster));
  RETURN_IF_ERROR(api::ValidateAll(plan.grown_cluster, all, /*strict=*/false)
                      .WithContext("the scaled spec is not valid"));
  for (const auto& g : plan.new_groups) {
    Status st = cs.CreateInstanceGroup(o_.cluster_name, g);
    if (!st.ok() && st.code() != Code::kAlreadyExists) return st;
    progress_ << "  instance group " << g.name() << " written\n";
  }
  RETURN_IF_ERROR(cs.UpdateCluster(plan.grown_cluster, cluster_.version));
  progress_ << "  cluster spec written\n";
  return Status::Ok();
}

Status Scaler::RemoveFromSpec(const std::vector<std::string>& gone) {
  store::Clientset& cs = *o_.clientset;
  api::Cluster shrunk = cluster_.object;
  for (const auto& g : gone) shrunk = create::WithoutMembersOf(shrunk, g);
  std::vector<api::InstanceGroup> rest;
  for (const auto& g : groups_)
    if (std::find(gone.begin(), gone.end(), g.name()) == gone.end()) rest.push_back(g);
  RETURN_IF_ERROR(api::ValidateClusterUpdate(cluster_.object, shrunk));
  RETURN_IF_ERROR(api::ValidateAll(shrunk, rest, /*strict=*/false)
                      .WithContext("the spec without the removed groups is not valid"));
  RETURN_IF_ERROR(cs.UpdateCluster(shrunk, cluster_.version));
  for (const auto& g : gone) {
    RETURN_IF_ERROR(cs.DeleteInstanceGroup(o_.cluster_name, g));
    progress_ << "  instance group " << g << " and its etcd members removed from the spec\n";
  }
  return Status::Ok();
}

// The group's running instances stop getting new API connections, and those open end,
// before their etcd member leaves: the API on a removed member's instance can no longer
// answer, and a request the load balancer sent it would wait for its deadline.
Status Scaler::TakeOutOfLoadBalancer(const std::string& group) {
  for (const auto& i : facts_.instances) {
    if (i.group != group || i.instance.state != local::InstanceState::kRunning) continue;
    const std::string& id = i.instance.id;
    Result<LbDrained> drained = DrainAndAwaitConnections(
        [&] { return backend_->DrainFromLoadBalancer(id); }, [&] { return backend_->LoadBalancerConnections(id); },
        clock_, o_.lb_drain_timeout, std::chrono::milliseconds(200));
    if (!drained.ok() && drained.status().code() == Code::kNotFound) {
      progress_ << "  instance " << id << " (" << group << ") is not behind the API load balancer\n";
      continue;
    }
    if (!drained.ok()) return drained.status().WithContext("take instance " + id + " out of the API load balancer");
    progress_ << "  instance " << id << " (" << group << ") drained from the API load balancer\n";
    if (drained->open > 0) {
      progress_ << "  going on with " << drained->open << " connection(s) still open to " << id << " after "
                << Seconds(drained->took) << "\n";
    } else {
      progress_ << "  no connection left to " << id << " after " << Seconds(drained->took) << "\n";
    }
  }
  return Status::Ok();
}

Status Scaler::RemoveEtcdMember(const create::ScaleStep& step) {
  if (!step.group.empty()) RETURN_IF_ERROR(TakeOutOfLoadBalancer(step.group));
  for (const std::string& c : step.etcd_clusters) {
    RETURN_IF_ERROR(backend_->RemoveMember(c, step.member, step.group, facts_, progress_));
    // Its discovery record: a later member of the same name starts from a clean slate.
    RETURN_IF_ERROR(o_.clientset->vfs().Delete(o_.cluster_name + "/backups/etcd/" + c +
                                               "/discovery/" + step.member));
  }
  // Its manager sees etcd drop it, reads the spec and stays out: check that for a while.
  const Clock::TimePoint until = clock_.Now() + std::chrono::seconds(3);
  while (clock_.Now() < until) {
    for (const std::string& c : step.etcd_clusters) {
      auto listed = backend_->Lists(c, step.member, facts_, step.group);
      if (listed.ok() && *listed)
        return FailedPrecondition("etcd " + c + ": member " + step.member +
                       " is listed again after its removal (its manager re-added it); "
                       "run the same command again");
    }
    clock_.SleepFor(std::chrono::milliseconds(500));
  }
  progress_ << "  member " << step.member << " stayed out of etcd\n";
  return Status::Ok();
}

Status Scaler::Apply() { return backend_->Apply(progress_); }

Status Scaler::WaitForMembers() {
  return WaitUntil("every etcd member to be a healthy voting member", o_.member_timeout, [&] {
    Status st = Refresh();
    if (!st.ok()) return st.message();
    std::string left;
    for (const auto& e : cluster_.object.spec.etcd_clusters) {
      std::string missing = backend_->MissingMembers(cluster_.object, e.name, facts_);
      if (!missing.empty()) left += (left.empty() ? "" : "; ") + e.name + ": " + missing;
    }
    return left;
  });
}

Status Scaler::DeleteVolumes(const create::ScaleStep& step) {
  std::set<std::string> members;
  for (const auto& e : cluster_.object.spec.etcd_clusters)
    for (const auto& m : e.members) members.insert(m.name);
  std::vector<local::Volume> stale;
  RETURN_IF_ERROR(WaitUntil("the removed instances to terminate", o_.instance_timeout, [&] {
    Status st = Refresh();
    if (!st.ok()) return st.message();
    std::string left;
    for (const auto& i : facts_.instances) {
      bool gone_group = true;
      for (const auto& g : groups_) gone_group = gone_group && g.name() != i.group;
      if (gone_group && i.instance.state != local::InstanceState::kTerminated)
        left += (left.empty() ? "" : ", ") + i.instance.id + " (" + i.group + ")";
    }
    return left;
  }));
  ASSIGN_OR_RETURN(std::vector<local::Volume> volumes, backend_->Volumes());
  for (const auto& v : volumes) {
    auto member = local::EtcdMemberOfVolume(v.tags);
    if (!member || members.count(member->second)) continue;
    RETURN_IF_ERROR(backend_->DeleteVolume(v.id));
    progress_ << "  deleted volume " << v.id << " (" << member->second << ".etcd-" << member->first
              << "): its etcd member " << member->second << " no longer exists\n";
  }
  (void)step;
  return Status::Ok();
}

Status Scaler::Execute(const create::ScalePlan& plan, const create::ScaleStep& step) {
  switch (step.kind) {
    case Kind::kAddToSpec: return AddToSpec(plan);
    case Kind::kApply: return Apply();
    case Kind::kWaitForMembers: return WaitForMembers();
    case Kind::kRemoveFromSpec: return RemoveFromSpec(step.groups);
    case Kind::kRemoveEtcdMember: return RemoveEtcdMember(step);
    case Kind::kDeleteVolumes: return DeleteVolumes(step);
  }
  return Internal("unknown scale step");
}

void PrintPlan(const create::ScalePlan& plan, const std::string& name,
               const std::vector<std::string>& zones, std::ostream& out) {
  std::string z;
  for (const auto& s : zones) z += (z.empty() ? "" : ",") + s;
  if (plan.done()) {
    out << "Control plane of " << name << " already has " << plan.target_count
        << " members over " << z << ": nothing to do\n";
    return;
  }
  out << "Scale the control plane of " << name << " to " << plan.target_count << " over " << z
      << ":\n";
  for (size_t i = 0; i < plan.steps.size(); ++i)
    out << "  " << i + 1 << ". " << plan.steps[i].description << "\n";
}

Status Scaler::Run() {
  ASSIGN_OR_RETURN(create::ScalePlan plan, Plan());
  PrintPlan(plan, o_.cluster_name, o_.zones, o_.out ? *o_.out : progress_);
  if (!o_.yes) {
    if (!plan.done()) progress_ << "\nMust specify --yes to apply changes\n";
    return Status::Ok();
  }
  // The steps in order, each against the spec and cloud as they are now; then planned
  // again, to finish what a step could not see yet (at most a few rounds).
  int n = 0;
  for (int round = 0; !plan.done(); ++round) {
    if (round == 3) return Internal("scale control-plane: the plan does not converge; run it again");
    for (const create::ScaleStep& step : plan.steps) {
      ++n;
      const Clock::TimePoint begin = clock_.Now();
      progress_ << "[" << n << "] " << step.description << " [" << Elapsed() << "]\n";
      RETURN_IF_ERROR(Refresh());
      RETURN_IF_ERROR(Execute(plan, step).WithContext(std::string("step ") +
                                                     create::ScaleStepKindName(step.kind) +
                                                     " (run the same command again to resume)"));
      progress_ << "[" << n << "] done in " << Seconds(clock_.Now() - begin) << " [" << Elapsed()
                << "]\n";
    }
    ASSIGN_OR_RETURN(plan, Plan());
  }
  progress_ << "Control plane of " << o_.cluster_name << " scaled to " << plan.target_count
            << " [" << Elapsed() << "]\n";
  return Status::Ok();
}

}  // namespace

Status ScaleControlPlane(const ScaleControlPlaneOptions& o, std::ostream& progress) {
  if (o.clientset == nullptr) return InvalidArgument("ScaleControlPlane: no clientset");
  ASSIGN_OR_RETURN(auto cluster, o.clientset->GetCluster(o.cluster_name));
  if (cluster.object.spec.cloud_provider != "local")
    return FailedPrecondition("scale control-plane: cluster \"" + o.cluster_name +
                              "\" uses cloud \"" + cluster.object.spec.cloud_provider +
                              "\"; only the local cloud is supported so far (on AWS the new groups, "
                              "volumes and subnets need the direct apply, which update cluster does not have yet: "
                              "add them with kops create instancegroup and kops edit cluster, apply with kops "
                              "update cluster --target terraform, then kops validate cluster --wait)");
  Scaler scaler(o, progress);
  return scaler.Run();
}

}  // namespace kops::ops
