// The step runner of `kops scale control-plane` (ops/scale_control_plane.h) against a
// memfs state store, a FakeClock and a fake backend: an in-memory cloud whose apply
// follows the stored spec, and etcd clusters whose managers add the spec's missing
// members one at a time (learner, then promoted) as they are polled.
#include "ops/scale_control_plane.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "api/validation.h"
#include "base/fake_clock.h"
#include "create/new_cluster.h"
#include "instance/instance_config.h"
#include "store/mem_vfs.h"

namespace kops::ops {
namespace {

namespace local = kops::cloud::local;
using Strings = std::vector<std::string>;

class FakeScaleBackend : public ScaleBackend {
 public:
  explicit FakeScaleBackend(store::Clientset& cs, std::string cluster)
      : cs_(cs), cluster_(std::move(cluster)) {}

  Result<LocalCloudFacts> Facts() override { return facts_; }
  Result<std::vector<local::Volume>> Volumes() override {
    std::vector<local::Volume> out;
    for (const auto& [id, v] : volumes_) out.push_back(v);
    return out;
  }
  Status DeleteVolume(const std::string& id) override {
    log.push_back("delete-volume " + volumes_.at(id).tags.begin()->second);
    volumes_.erase(id);
    return Status::Ok();
  }
  Status Apply(std::ostream&) override {
    if (fail_apply > 0) {
      --fail_apply;
      return Unavailable("the local cloud does not answer");
    }
    auto cluster = cs_.GetCluster(cluster_);
    auto groups = cs_.ListInstanceGroups(cluster_);
    if (!cluster.ok() || !groups.ok()) return Internal("store unreadable");
    Strings names;
    for (const auto& g : *groups) names.push_back(g.object.name());
    std::sort(names.begin(), names.end());
    std::string joined;
    for (const auto& n : names) joined += (joined.empty() ? "" : ",") + n;
    log.push_back("apply " + joined);
    facts_.groups.clear();
    for (const auto& n : names) facts_.groups.push_back(local::Group{.name = n});
    for (auto& i : facts_.instances)
      if (std::find(names.begin(), names.end(), i.group) == names.end())
        i.instance.state = local::InstanceState::kTerminated;
    for (const auto& g : *groups) {
      bool has = false;
      for (const auto& i : facts_.instances)
        has = has || (i.group == g.object.name() &&
                      i.instance.state == local::InstanceState::kRunning);
      if (has) continue;
      local::InstanceInfo i;
      i.instance.id = "i-" + std::to_string(facts_.instances.size() + 1);
      i.instance.state = local::InstanceState::kRunning;
      i.group = g.object.name();
      i.role = g.object.spec.IsControlPlane() ? "ControlPlane" : "Node";
      facts_.instances.push_back(i);
    }
    for (const auto& e : cluster->object.spec.etcd_clusters)
      for (const auto& m : e.members) {
        std::string id = "vol-" + e.name + "-" + m.name;
        if (volumes_.count(id)) continue;
        volumes_[id] = local::Volume{.id = id, .tags = {{"k8s.io/etcd/" + e.name, m.name + "/" + m.name}}};
      }
    return Status::Ok();
  }
  std::vector<create::EtcdMembershipSeen> Observe(const api::Cluster&,
                                                  const LocalCloudFacts&) override {
    std::vector<create::EtcdMembershipSeen> out;
    for (const auto& [c, members] : etcd) {
      create::EtcdMembershipSeen seen{c, {}};
      for (const auto& m : members) seen.members.push_back({m.name, m.learner});
      out.push_back(seen);
    }
    return out;
  }
  // What is missing now; then the managers take one step: the first spec member not
  // listed joins as a learner, or the learner is promoted.
  std::string MissingMembers(const api::Cluster& cluster, const std::string& c,
                             const LocalCloudFacts&) override {
    auto& members = etcd[c];
    Strings spec = instance::EtcdMemberNamesOf(cluster, c);
    std::string missing;
    for (const auto& m : members)
      if (m.learner) missing += m.name + " is a learner;";
    for (const auto& name : spec)
      if (!Listed(c, name)) missing += name + " not added yet;";
    for (auto& m : members)
      if (m.learner) {
        m.learner = false;
        log.push_back("promote " + c + " " + m.name);
        return missing;
      }
    for (const auto& name : spec)
      if (!Listed(c, name)) {
        members.push_back({name, true});
        log.push_back("join " + c + " " + name);
        break;
      }
    return missing;
  }
  Status RemoveMember(const std::string& c, const std::string& member, const std::string&,
                      const LocalCloudFacts&, std::ostream&) override {
    if (fail_remove_of == member) return Unavailable("etcd " + c + ": no leader");
    auto& members = etcd[c];
    std::erase_if(members, [&](const Member& m) { return m.name == member; });
    log.push_back("remove " + c + " " + member);
    return Status::Ok();
  }
  Result<bool> Lists(const std::string& c, const std::string& member, const LocalCloudFacts&,
                     const std::string&) override {
    return Listed(c, member);
  }

  Status DrainFromLoadBalancer(const std::string& id) override {
    if (drain_unavailable > 0) {
      --drain_unavailable;
      return Unavailable("load balancer api: drain " + id + ": No such server.");
    }
    log.push_back("drain " + id);
    open_[id] = lb_connections;
    return Status::Ok();
  }
  // Each poll after the drain, one connection ends (unless they stay open).
  Result<int> LoadBalancerConnections(const std::string& id) override {
    if (!open_.count(id)) return Internal("connections of " + id + " asked before its drain");
    int& open = open_[id];
    if (open > 0 && !connections_stay_open && --open == 0) log.push_back("idle " + id);
    return open;
  }

  bool Listed(const std::string& c, const std::string& name) {
    for (const auto& m : etcd[c])
      if (m.name == name) return true;
    return false;
  }
  Strings Voters(const std::string& c) {
    Strings out;
    for (const auto& m : etcd[c]) out.push_back(m.name + (m.learner ? "(learner)" : ""));
    std::sort(out.begin(), out.end());
    return out;
  }
  Strings Log(const std::string& prefix) const {
    Strings out;
    for (const auto& l : log)
      if (l.rfind(prefix, 0) == 0) out.push_back(l);
    return out;
  }

  struct Member {
    std::string name;
    bool learner = false;
  };
  std::map<std::string, std::vector<Member>> etcd;
  Strings log;
  int fail_apply = 0;
  std::string fail_remove_of;
  int lb_connections = 2;  // open to an instance when it is drained
  bool connections_stay_open = false;
  int drain_unavailable = 0;  // drains answered Unavailable before one succeeds

 private:
  store::Clientset& cs_;
  std::string cluster_;
  LocalCloudFacts facts_;
  std::map<std::string, local::Volume> volumes_;
  std::map<std::string, int> open_;  // instance -> connections still open after its drain
};

const char kName[] = "dev.local";
const Strings kZones{"local-a", "local-b", "local-c"};

class ScaleRunnerTest : public ::testing::Test {
 protected:
  ScaleRunnerTest()
      : cs_(store::NewMemVfs("memfs://scale-" + std::string(
                                  ::testing::UnitTest::GetInstance()->current_test_info()->name()))),
        backend_(cs_, kName) {
    create::CreateClusterOptions o;
    o.cluster_name = kName;
    o.state_store = cs_.vfs().Url();
    o.cloud_provider = "local";
    o.zones = {"local-a"};
    o.node_count = 1;
    o.creation_timestamp = "2024-01-01T00:00:00Z";
    auto r = create::NewCluster(o);
    EXPECT_TRUE(r.ok()) << r.status().message();
    EXPECT_TRUE(cs_.CreateClusterWithGroups(r->cluster, r->instance_groups).ok());
    std::ostringstream ignored;
    EXPECT_TRUE(backend_.Apply(ignored).ok());
    backend_.etcd["main"] = {{"a", false}};
    backend_.etcd["events"] = {{"a", false}};
    backend_.log.clear();
  }

  Status Scale(int count, Strings zones = kZones) {
    ScaleControlPlaneOptions o{.cluster_name = kName,
                               .zones = std::move(zones),
                               .count = count,
                               .yes = true,
                               .clientset = &cs_,
                               .store_url = cs_.vfs().Url(),
                               .out = &out_,
                               .clock = &clock_,
                               .backend = &backend_};
    progress_.str("");
    return ScaleControlPlane(o, progress_);
  }

  Strings SpecMembers(const std::string& c) {
    auto cluster = cs_.GetCluster(kName);
    EXPECT_TRUE(cluster.ok());
    Strings out = instance::EtcdMemberNamesOf(cluster->object, c);
    std::sort(out.begin(), out.end());
    return out;
  }
  Strings ControlPlaneGroups() {
    Strings out;
    auto groups = cs_.ListInstanceGroups(kName);
    EXPECT_TRUE(groups.ok());
    for (const auto& g : *groups)
      if (g.object.spec.IsControlPlane()) out.push_back(g.object.name());
    std::sort(out.begin(), out.end());
    return out;
  }
  // The stored spec is valid as a whole (what the next command reads).
  void ExpectStoreConsistent() {
    auto cluster = cs_.GetCluster(kName);
    auto groups = cs_.ListInstanceGroups(kName);
    ASSERT_TRUE(cluster.ok() && groups.ok());
    std::vector<api::InstanceGroup> gs;
    for (auto& g : *groups) gs.push_back(g.object);
    Status valid = api::ValidateAll(cluster->object, gs, /*strict=*/false);
    EXPECT_TRUE(valid.ok()) << valid.message();
    // Every spec member has its group.
    for (const auto& e : cluster->object.spec.etcd_clusters)
      for (const auto& m : e.members)
        EXPECT_TRUE(std::any_of(gs.begin(), gs.end(), [&](const auto& g) {
          return g.name() == m.instance_group;
        })) << m.name << " has no group";
  }

  store::Clientset cs_;
  FakeScaleBackend backend_;
  FakeClock clock_;
  std::ostringstream out_, progress_;
};

TEST_F(ScaleRunnerTest, GrowingWritesTheSpecBeforeApplyingAndWaitsForEachPromotionInOrder) {
  Status st = Scale(0);
  ASSERT_TRUE(st.ok()) << st.message() << "\n" << progress_.str();
  // The one apply saw the new groups in the store.
  EXPECT_EQ(backend_.Log("apply"),
            (Strings{"apply control-plane-local-a,control-plane-local-b,control-plane-local-c,nodes-local-a"}));
  // Per etcd cluster: b joins and is promoted before c joins.
  Strings main;
  for (const auto& l : backend_.log)
    if (l.find(" main ") != std::string::npos) main.push_back(l);
  EXPECT_EQ(main, (Strings{"join main b", "promote main b", "join main c", "promote main c"}));
  EXPECT_EQ(backend_.log.front(), "apply control-plane-local-a,control-plane-local-b,control-plane-local-c,nodes-local-a");
  EXPECT_EQ(backend_.Voters("main"), (Strings{"a", "b", "c"}));
  EXPECT_EQ(backend_.Voters("events"), (Strings{"a", "b", "c"}));
  EXPECT_EQ(SpecMembers("main"), (Strings{"a", "b", "c"}));
  EXPECT_NE(progress_.str().find("waiting for every etcd member to be a healthy voting member"),
            std::string::npos)
      << progress_.str();
  EXPECT_NE(progress_.str().find("scaled to 3"), std::string::npos);
  ExpectStoreConsistent();
  // Done: a second run plans nothing and changes nothing.
  backend_.log.clear();
  ASSERT_TRUE(Scale(0).ok());
  EXPECT_TRUE(backend_.log.empty());
  EXPECT_NE(out_.str().find("nothing to do"), std::string::npos);
}

TEST_F(ScaleRunnerTest, ShrinkingRemovesMembersOneAtATimeBeforeTheirGroupsAndVolumes) {
  ASSERT_TRUE(Scale(5).ok()) << progress_.str();
  EXPECT_EQ(backend_.Voters("main"), (Strings{"a", "a-2", "b-1", "b-2", "c-1"}));
  backend_.log.clear();
  Status st = Scale(3);
  ASSERT_TRUE(st.ok()) << st.message() << "\n" << progress_.str();
  // Each member leaves main and events, newest group first, then the one apply removes
  // the groups, then the volumes of the members that left.
  Strings removed = backend_.Log("remove");
  ASSERT_EQ(removed.size(), 4u);
  EXPECT_EQ(removed[0].substr(removed[0].rfind(' ')), removed[1].substr(removed[1].rfind(' ')));
  EXPECT_EQ(removed[2].substr(removed[2].rfind(' ')), removed[3].substr(removed[3].rfind(' ')));
  auto apply = std::find(backend_.log.begin(), backend_.log.end(),
                         "apply control-plane-local-a,control-plane-local-b-1,control-plane-local-c-1,nodes-local-a");
  ASSERT_NE(apply, backend_.log.end()) << ::testing::PrintToString(backend_.log);
  auto last_remove = std::find(backend_.log.begin(), backend_.log.end(), removed.back());
  EXPECT_LT(last_remove, apply);
  Strings volumes = backend_.Log("delete-volume");
  EXPECT_EQ(volumes.size(), 4u);
  for (const auto& v : volumes) {
    auto at = std::find(backend_.log.begin(), backend_.log.end(), v);
    EXPECT_GT(at, apply) << v;
  }
  EXPECT_EQ(backend_.Voters("main"), (Strings{"a", "b-1", "c-1"}));
  EXPECT_EQ(backend_.Voters("events"), (Strings{"a", "b-1", "c-1"}));
  EXPECT_EQ(SpecMembers("events"), (Strings{"a", "b-1", "c-1"}));
  EXPECT_EQ(ControlPlaneGroups(),
            (Strings{"control-plane-local-a", "control-plane-local-b-1", "control-plane-local-c-1"}));
  ExpectStoreConsistent();
}

TEST_F(ScaleRunnerTest, EachRemovedInstanceLeavesTheLoadBalancerAndItsConnectionsEndBeforeItsMemberLeavesEtcd) {
  ASSERT_TRUE(Scale(5).ok()) << progress_.str();
  EXPECT_TRUE(backend_.Log("drain").empty()) << "growing drains nothing";
  backend_.log.clear();
  Status st = Scale(3);
  ASSERT_TRUE(st.ok()) << st.message() << "\n" << progress_.str();
  Strings order;
  for (const auto& l : backend_.log)
    if (l.rfind("drain", 0) == 0 || l.rfind("idle", 0) == 0 || l.rfind("remove main", 0) == 0) order.push_back(l);
  ASSERT_EQ(order.size(), 6u) << ::testing::PrintToString(backend_.log);
  // drain i-x, its connections end, then its member leaves; then the next one.
  for (size_t k : {0u, 3u}) {
    EXPECT_EQ(order[k].rfind("drain i-", 0), 0u) << order[k];
    EXPECT_EQ(order[k + 1], "idle " + order[k].substr(6));
    EXPECT_EQ(order[k + 2].rfind("remove main ", 0), 0u) << order[k + 2];
  }
  EXPECT_NE(order[0], order[3]);
  EXPECT_NE(progress_.str().find("drained from the API load balancer"), std::string::npos) << progress_.str();
  EXPECT_NE(progress_.str().find("no connection left to i-"), std::string::npos) << progress_.str();
}

TEST_F(ScaleRunnerTest, ADrainRetriedWhileTheLoadBalancerCannotTellAndOpenConnectionsDoNotBlockForever) {
  ASSERT_TRUE(Scale(5).ok()) << progress_.str();
  backend_.drain_unavailable = 2;
  backend_.connections_stay_open = true;
  const auto began = clock_.Now();
  Status st = Scale(3);
  ASSERT_TRUE(st.ok()) << st.message() << "\n" << progress_.str();
  EXPECT_EQ(backend_.Log("drain").size(), 2u);
  EXPECT_EQ(backend_.Log("remove main").size(), 2u);
  EXPECT_NE(progress_.str().find("going on with 2 connection(s) still open to i-"), std::string::npos)
      << progress_.str();
  EXPECT_GE(clock_.Now() - began, 2 * std::chrono::seconds(15)) << "each drain waited its timeout";
}

TEST_F(ScaleRunnerTest, AFailedApplyNamesTheStepLeavesTheStoreConsistentAndTheRerunResumes) {
  backend_.fail_apply = 1;
  Status st = Scale(0);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("step apply"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("run the same command again"), std::string::npos) << st.message();
  // The spec step is done: the grown spec is stored, whole and valid.
  EXPECT_EQ(SpecMembers("main"), (Strings{"a", "b", "c"}));
  ExpectStoreConsistent();
  EXPECT_TRUE(backend_.log.empty());
  ASSERT_TRUE(Scale(0).ok()) << progress_.str();
  // Resumed at the apply: the groups were not written again.
  EXPECT_EQ(progress_.str().find("written"), std::string::npos) << progress_.str();
  EXPECT_EQ(backend_.Log("apply").size(), 1u);
  EXPECT_EQ(backend_.Voters("main"), (Strings{"a", "b", "c"}));
}

TEST_F(ScaleRunnerTest, AFailedRemovalMidwayNamesTheStepAndTheRerunDoesNotRepeatDoneRemovals) {
  ASSERT_TRUE(Scale(5).ok()) << progress_.str();
  backend_.log.clear();
  // The second member to leave fails: the first has left both etcd clusters.
  backend_.fail_remove_of = "a-2";
  Status st = Scale(3);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("step remove-etcd-member"), std::string::npos) << st.message();
  EXPECT_EQ(backend_.Log("remove"), (Strings{"remove main b-2", "remove events b-2"}));
  EXPECT_TRUE(backend_.Log("apply").empty()) << "no group is deleted while a member is listed";
  EXPECT_EQ(SpecMembers("main"), (Strings{"a", "b-1", "c-1"}));
  ExpectStoreConsistent();
  backend_.fail_remove_of.clear();
  backend_.log.clear();
  ASSERT_TRUE(Scale(3).ok()) << progress_.str();
  Strings removed = backend_.Log("remove");  // in the order etcd lists its clusters
  std::sort(removed.begin(), removed.end());
  EXPECT_EQ(removed, (Strings{"remove events a-2", "remove main a-2"}));
  EXPECT_EQ(backend_.Log("apply").size(), 1u);
  EXPECT_EQ(backend_.Voters("main"), (Strings{"a", "b-1", "c-1"}));
  ExpectStoreConsistent();
}

TEST_F(ScaleRunnerTest, ARunStoppedBetweenTheSpecWriteAndTheGroupDeletionsResumes) {
  ASSERT_TRUE(Scale(5).ok()) << progress_.str();
  // As RemoveFromSpec leaves the store when stopped after its cluster write: the members
  // are out of the spec, their groups still stored.
  auto cluster = cs_.GetCluster(kName);
  ASSERT_TRUE(cluster.ok());
  api::Cluster shrunk = create::WithoutMembersOf(
      create::WithoutMembersOf(cluster->object, "control-plane-local-b-2"), "control-plane-local-a-2");
  ASSERT_TRUE(cs_.UpdateCluster(shrunk, cluster->version).ok());
  backend_.log.clear();
  Status st = Scale(3);
  ASSERT_TRUE(st.ok()) << st.message() << "\n" << progress_.str();
  EXPECT_EQ(ControlPlaneGroups(),
            (Strings{"control-plane-local-a", "control-plane-local-b-1", "control-plane-local-c-1"}));
  EXPECT_EQ(backend_.Voters("main"), (Strings{"a", "b-1", "c-1"}));
  EXPECT_EQ(backend_.Log("remove").size(), 4u);
  EXPECT_EQ(backend_.Log("delete-volume").size(), 4u);
  // The groups left the store before the apply (a volume is deleted only once its
  // instance is gone): the one apply already runs without them.
  EXPECT_EQ(backend_.Log("apply"),
            (Strings{"apply control-plane-local-a,control-plane-local-b-1,control-plane-local-c-1,nodes-local-a"}));
  ExpectStoreConsistent();
}

TEST(ScaleControlPlane, AnAwsClusterIsRefusedWithTheWayToDoItAndTheStoreIsUnchanged) {
  store::Clientset cs(store::NewMemVfs("memfs://scale-aws-refused"));
  create::CreateClusterOptions o;
  o.cluster_name = "ha.example.com";
  o.state_store = cs.vfs().Url();
  o.cloud_provider = "aws";
  o.zones = {"us-test-1a"};
  o.node_count = 1;
  o.creation_timestamp = "2024-01-01T00:00:00Z";
  auto r = create::NewCluster(o);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_TRUE(cs.CreateClusterWithGroups(r->cluster, r->instance_groups).ok());
  auto before = cs.ListInstanceGroups("ha.example.com");
  ASSERT_TRUE(before.ok());
  std::ostringstream out, progress;
  ScaleControlPlaneOptions so{.cluster_name = "ha.example.com",
                              .zones = {"us-test-1a", "us-test-1b", "us-test-1c"},
                              .yes = true,
                              .clientset = &cs,
                              .store_url = cs.vfs().Url(),
                              .out = &out};
  Status st = ScaleControlPlane(so, progress);
  ASSERT_EQ(st.code(), Code::kFailedPrecondition);
  EXPECT_NE(st.message().find("uses cloud \"aws\""), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("update cluster --target terraform"), std::string::npos) << st.message();
  auto after = cs.ListInstanceGroups("ha.example.com");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->size(), before->size());
}

}  // namespace
}  // namespace kops::ops
