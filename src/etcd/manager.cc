#include "etcd/manager.h"

#include <algorithm>
#include <filesystem>

#include "etcd/errors.h"

namespace kops::etcd {

namespace fs = std::filesystem;
using Kind = StartPlan::Kind;

std::string ManagerToken(const std::string& cluster_name, const std::string& etcd_cluster) {
  return "kops-" + cluster_name + "-etcd-" + etcd_cluster;
}

EtcdManager::EtcdManager(ManagerConfig config, ManagerDeps deps)
    : config_(std::move(config)), deps_(std::move(deps)) {
  base_spec_.binary = config_.binary;
  base_spec_.name = config_.member_name;
  base_spec_.data_dir = config_.data_dir;
  base_spec_.address = config_.address;
  base_spec_.client_port = config_.client_port;
  base_spec_.peer_port = config_.peer_port;
  base_spec_.initial_cluster_token = config_.token;
  base_spec_.heartbeat_interval_ms = config_.heartbeat_interval_ms;
  base_spec_.election_timeout_ms = config_.election_timeout_ms;
  base_spec_.client_tls = config_.client_tls;
  base_spec_.peer_tls = config_.peer_tls;
}

EtcdManager::~EtcdManager() { Stop(); }

std::string EtcdManager::ClientUrl() const { return etcd::ClientUrl(base_spec_); }
std::string EtcdManager::PeerUrl() const { return etcd::PeerUrl(base_spec_); }

void EtcdManager::Log(const std::string& line) {
  if (deps_.log) deps_.log("etcd " + config_.etcd_cluster + "/" + config_.member_name + ": " + line);
}

ManagerSnapshot EtcdManager::snapshot() const {
  std::lock_guard lock(mu_);
  return snap_;
}

void EtcdManager::Stop() {
  if (process_) process_->Kill();
  process_.reset();
  std::lock_guard lock(mu_);
  snap_.running = false;
}

std::vector<std::string> EtcdManager::PeerClientUrls() {
  std::vector<std::string> urls;
  Result<std::vector<PeerRecord>> peers = deps_.discovery->List();
  if (!peers.ok()) return urls;
  for (const PeerRecord& p : *peers)
    if (p.name != config_.member_name && !p.client_url.empty()) urls.push_back(p.client_url);
  return urls;
}

Result<StartObservation> EtcdManager::Observe() {
  StartObservation obs;
  obs.self_name = config_.member_name;
  obs.self_peer_url = PeerUrl();
  std::error_code ec;
  obs.has_data = fs::exists(fs::path(config_.data_dir) / "member", ec);
  ASSIGN_OR_RETURN(obs.cluster_created, deps_.discovery->IsCreated());
  ASSIGN_OR_RETURN(std::vector<PeerRecord> peers, deps_.discovery->List());
  std::vector<std::string> names = config_.member_names;
  if (deps_.spec_members) {
    ASSIGN_OR_RETURN(names, deps_.spec_members());
  }
  obs.self_in_spec = std::find(names.begin(), names.end(), config_.member_name) != names.end();
  std::vector<std::string> endpoints;
  for (const std::string& name : names) {
    std::string url = name == config_.member_name ? obs.self_peer_url : "";
    for (const PeerRecord& p : peers) {
      if (p.name != name || name == config_.member_name) continue;
      url = p.peer_url;
      if (!p.client_url.empty()) endpoints.push_back(p.client_url);
    }
    obs.spec_members.emplace_back(name, url);
  }
  // Before the cluster exists the plan needs no membership (and asking a member that
  // waits for its peers only costs a timeout).
  if (obs.cluster_created && !endpoints.empty()) {
    Result<std::vector<Member>> members = deps_.api->MemberList(endpoints);
    if (members.ok()) obs.members = std::move(members).value();
  }
  return obs;
}

Status EtcdManager::Retry(const std::string& what, const std::function<Status()>& op) {
  Clock::TimePoint deadline = deps_.clock->Now() + config_.membership_retry_limit;
  int attempts = 0;
  while (true) {
    Status st = op();
    ++attempts;
    if (st.ok() || !IsRetryable(st, RequestKind::kWrite) || deps_.clock->Now() >= deadline) {
      if (!st.ok() && attempts > 1)
        return st.WithContext(what + " (after " + std::to_string(attempts) + " attempts)");
      return st.ok() ? st : st.WithContext(what);
    }
    deps_.clock->SleepFor(config_.retry_interval);
  }
}

Status EtcdManager::Execute(StartPlan plan) {
  std::vector<std::string> endpoints = PeerClientUrls();
  std::error_code ec;
  if (plan.wipe_data) fs::remove_all(config_.data_dir, ec);
  // A member relaunched at another address updates its peer URL first when it can. The
  // update needs quorum, and so may this member: two of three relaunched at new
  // addresses could never update and never start. etcd restarts on its data with a
  // stale peer URL (it dials its peers, and they answer over those connections), so the
  // member starts anyway and the update is retried once it runs.
  uint64_t pending_update = 0;
  if (plan.update_member_id != 0) {
    Status st = deps_.api->MemberUpdatePeerUrl(endpoints, plan.update_member_id, PeerUrl());
    if (!st.ok()) {
      pending_update = plan.update_member_id;
      Log("peer URL update deferred until etcd runs (" + st.message() + ")");
    }
  }
  uint64_t learner = plan.learner_member_id;
  if (plan.remove_member_id != 0) {
    RETURN_IF_ERROR(Retry("remove old member", [&] {
      Status st = deps_.api->MemberRemove(endpoints, plan.remove_member_id);
      return st.code() == Code::kNotFound ? Status::Ok() : st;
    }));
    Log("removed old member " + std::to_string(plan.remove_member_id));
  }
  if (plan.add_learner) {
    fs::remove_all(config_.data_dir, ec);
    MemberAddResponse added;
    RETURN_IF_ERROR(Retry("add as learner", [&] {
      Result<MemberAddResponse> r = deps_.api->MemberAddLearner(endpoints, PeerUrl());
      if (r.ok()) added = std::move(r).value();
      return r.status();
    }));
    learner = added.member.id;
    plan.initial_cluster =
        JoinInitialCluster(added.members, 0, config_.member_name, PeerUrl());
    Log("added as learner " + std::to_string(learner));
  }
  EtcdProcessSpec spec = base_spec_;
  spec.state = plan.state;
  spec.initial_cluster = plan.initial_cluster;
  ASSIGN_OR_RETURN(std::vector<std::string> argv, BuildEtcdArgv(spec));
  fs::create_directories(fs::path(config_.data_dir).parent_path(), ec);
  ASSIGN_OR_RETURN(process_, deps_.launcher->Start(argv, config_.log_path));
  std::lock_guard lock(mu_);
  snap_.running = true;
  ++snap_.starts;
  snap_.learner_id = learner;
  snap_.pending_peer_url_update = pending_update;
  return Status::Ok();
}

void EtcdManager::AfterStartChecks() {
  ManagerSnapshot s = snapshot();
  // The membership changes below go to any member, this one included (one discovery read).
  std::vector<std::string> endpoints;
  if (s.pending_peer_url_update != 0 || s.learner_id != 0) {
    endpoints = PeerClientUrls();
    endpoints.push_back(ClientUrl());
  }
  if (s.pending_peer_url_update != 0) {
    Status st = deps_.api->MemberUpdatePeerUrl(endpoints, s.pending_peer_url_update, PeerUrl());
    if (!st.ok()) return;
    Log("peer URL updated to " + PeerUrl());
    std::lock_guard lock(mu_);
    snap_.pending_peer_url_update = 0;
  }
  if (s.learner_id != 0) {
    Status st = deps_.api->MemberPromote(endpoints, s.learner_id);
    if (st.ok()) {
      Log("learner " + std::to_string(s.learner_id) + " promoted");
      std::lock_guard lock(mu_);
      snap_.learner_id = 0;
    }
    return;
  }
  if (!s.created_marked) {
    Result<bool> healthy = deps_.api->Health(ClientUrl());
    if (healthy.ok() && *healthy && deps_.discovery->MarkCreated().ok()) {
      std::lock_guard lock(mu_);
      snap_.created_marked = true;
    }
  }
}

Status EtcdManager::Tick() {
  if (!published_) {
    RETURN_IF_ERROR(deps_.discovery->Publish({config_.member_name, PeerUrl(), ClientUrl()}));
    published_ = true;
  }
  if (process_) {
    std::optional<int> exit = process_->Poll();
    if (!exit) {
      AfterStartChecks();
      return Status::Ok();
    }
    std::string tail = process_->OutputTail();
    bool removed = tail.find("permanently removed") != std::string::npos;
    Log("etcd exited with " + std::to_string(*exit) +
        (removed ? " (permanently removed from the cluster)" : "") + "; restarting");
    process_.reset();
    next_start_ = deps_.clock->Now() + config_.restart_backoff;
    std::lock_guard lock(mu_);
    snap_.running = false;
    snap_.last_error = "etcd exited with " + std::to_string(*exit);
    return Status::Ok();
  }
  if (deps_.clock->Now() < next_start_) return Status::Ok();
  Status st = [&]() -> Status {
    ASSIGN_OR_RETURN(StartObservation obs, Observe());
    StartPlan plan = DecideStart(obs);
    if (plan.kind == Kind::kBootstrap && deps_.review_bootstrap)
      plan = deps_.review_bootstrap(std::move(plan));
    {
      std::lock_guard lock(mu_);
      snap_.last_plan = plan.kind;
      snap_.last_reason = plan.reason;
    }
    if (plan.kind == Kind::kWait) {
      next_start_ = deps_.clock->Now() + config_.restart_backoff;
      return Status::Ok();
    }
    Log(std::string(StartPlanKindName(plan.kind)) + ": " + plan.reason);
    return Execute(std::move(plan));
  }();
  if (!st.ok()) {
    next_start_ = deps_.clock->Now() + config_.restart_backoff;
    Log("start failed: " + st.message());
    std::lock_guard lock(mu_);
    snap_.last_error = st.message();
  }
  return st;
}

}  // namespace kops::etcd
