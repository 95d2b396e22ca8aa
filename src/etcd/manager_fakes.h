// In-memory fakes of the etcd manager's seams (manager_deps.h), for unit tests.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "etcd/manager_deps.h"

namespace kops::etcd {

// A scripted membership: calls act on `members`; errors can be queued per call name.
class FakeClusterApi : public ClusterApi {
 public:
  std::vector<Member> members;
  bool answers = true;  // false: MemberList fails (nobody reachable)
  bool healthy = true;
  uint64_t next_id = 100;
  std::map<std::string, std::vector<Status>> queued_errors;  // "add", "remove", "promote", "update"
  std::vector<std::string> calls;

  Result<std::vector<Member>> MemberList(const Endpoints&) override {
    calls.push_back("list");
    if (!answers) return Unavailable("connection refused");
    return members;
  }
  Result<MemberAddResponse> MemberAddLearner(const Endpoints&, const std::string& peer) override {
    calls.push_back("add");
    if (Status st = Pop("add"); !st.ok()) return st;
    Member m;
    m.id = next_id++;
    m.peer_urls = {peer};
    m.is_learner = true;
    members.push_back(m);
    return MemberAddResponse{{}, m, members};
  }
  Status MemberRemove(const Endpoints&, uint64_t id) override {
    calls.push_back("remove " + std::to_string(id));
    if (Status st = Pop("remove"); !st.ok()) return st;
    for (auto it = members.begin(); it != members.end(); ++it) {
      if (it->id == id) {
        members.erase(it);
        return Status::Ok();
      }
    }
    return NotFound("member not found");
  }
  Status MemberPromote(const Endpoints&, uint64_t id) override {
    calls.push_back("promote " + std::to_string(id));
    if (Status st = Pop("promote"); !st.ok()) return st;
    for (Member& m : members)
      if (m.id == id) m.is_learner = false;
    return Status::Ok();
  }
  Status MemberUpdatePeerUrl(const Endpoints&, uint64_t id, const std::string& url) override {
    calls.push_back("update " + std::to_string(id));
    if (Status st = Pop("update"); !st.ok()) return st;
    for (Member& m : members)
      if (m.id == id) m.peer_urls = {url};
    return Status::Ok();
  }
  Result<bool> Health(const std::string&) override { return healthy; }

 private:
  Status Pop(const std::string& call) {
    auto& q = queued_errors[call];
    if (q.empty()) return Status::Ok();
    Status st = q.front();
    q.erase(q.begin());
    return st;
  }
};

class FakeDiscovery : public PeerDiscovery {
 public:
  std::map<std::string, PeerRecord> records;
  bool created = false;
  Status Publish(const PeerRecord& self) override {
    records[self.name] = self;
    return Status::Ok();
  }
  Result<std::vector<PeerRecord>> List() override {
    std::vector<PeerRecord> out;
    for (const auto& [_, r] : records) out.push_back(r);
    return out;
  }
  Result<bool> IsCreated() override { return created; }
  Status MarkCreated() override {
    created = true;
    return Status::Ok();
  }
};

class FakeEtcdProcess : public EtcdProcess {
 public:
  std::optional<int> exit_code;
  std::string output;
  bool killed = false;
  int* kill_count = nullptr;  // shared with the launcher, survives this object
  std::optional<int> Poll() override { return exit_code; }
  void Kill() override {
    killed = true;
    if (kill_count) ++*kill_count;
  }
  std::string OutputTail() override { return output; }
};

// Records every argv; the processes it returns stay owned by the manager, and are
// reachable through `last` until the manager drops them.
class FakeLauncher : public EtcdLauncher {
 public:
  std::vector<std::vector<std::string>> started;
  FakeEtcdProcess* last = nullptr;
  int kills = 0;
  Result<std::unique_ptr<EtcdProcess>> Start(const std::vector<std::string>& argv,
                                             const std::string&) override {
    started.push_back(argv);
    auto p = std::make_unique<FakeEtcdProcess>();
    p->kill_count = &kills;
    last = p.get();
    return std::unique_ptr<EtcdProcess>(std::move(p));
  }
};

}  // namespace kops::etcd
