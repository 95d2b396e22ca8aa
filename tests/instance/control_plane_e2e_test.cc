// End-to-end: three control-plane instances (etcd managers for main and events, API
// stand-in) in this process on 127.A.B.1-3 (A random, never 0), with real etcd over TLS,
// volumes from a fake claimer in temp dirs and the state store in memfs. Forms the
// cluster, writes through the API with a client certificate, kills one member and
// relaunches it on the same volume (rejoins, data intact), then on an empty volume
// (replaced through a learner, promoted). Every wait is bounded; the ControlPlane
// destructors kill etcd's process groups, and the last check is that no etcd of this
// test is left.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <random>
#include <thread>

#include "base/clock.h"
#include "instance/apiserver_certs.h"
#include "instance/control_plane.h"
#include "instance/fake_volume_claimer.h"
#include "store/keystore.h"

namespace kops::instance {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clk = std::chrono::steady_clock;

class ControlPlaneE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists("/usr/bin/etcd")) GTEST_SKIP() << "/usr/bin/etcd is not installed";
    std::random_device rd;
    base_ = "127." + std::to_string(2 + rd() % 250) + "." + std::to_string(rd() % 256) + ".";
    dir_ = fs::temp_directory_path() / ("kops-instance-e2e-" + std::to_string(rd()));
    fs::create_directories(dir_);
    vfs_ = std::move(store::OpenVfs("memfs://instance-e2e-" + std::to_string(rd()))).value();
    http_ = NewCurlHttpClient();
    for (int i = 0; i < 3; ++i) claimers_.push_back(std::make_unique<FakeVolumeClaimer>((dir_ / Name(i)).string()));
    planes_.resize(3);
  }
  void TearDown() override {
    bool failed = HasFailure();
    for (int i = 0; i < 3; ++i) {
      if (failed && planes_[i]) DumpLogs(i);
      planes_[i].reset();
    }
    // Every etcd this test started ran in a process group the ControlPlane destructors
    // killed and reaped: none names this test's directory any more.
    EXPECT_EQ(ProcessesNaming(dir_.filename().string()), 0);
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Processes whose command line holds text (its last character bracketed so that the
  // shell running pgrep does not match itself).
  static int ProcessesNaming(const std::string& text) {
    std::string pattern = text.substr(0, text.size() - 1) + "[" + text.back() + "]";
    FILE* p = popen(("pgrep -f '" + pattern + "' | wc -l").c_str(), "r");
    if (p == nullptr) return -1;
    int n = -1;
    if (fscanf(p, "%d", &n) != 1) n = -1;
    pclose(p);
    return n;
  }

  static std::string Name(int i) { return std::string(1, static_cast<char>('a' + i)); }
  std::string Address(int i) const { return base_ + std::to_string(i + 1); }

  void DumpLogs(int i) {
    for (const char* c : {"main", "events"}) {
      std::string log = (dir_ / ("work-" + Name(i)) / (std::string("etcd-") + c) / "etcd.log").string();
      std::string cmd = "tail -n 5 " + log + " 1>&2";
      std::cerr << "--- " << Name(i) << " " << c << "\n";
      (void)std::system(cmd.c_str());
    }
  }

  void Launch(int i) {
    ControlPlaneConfig c;
    c.cluster_name = "e2e.local";
    c.zone = "local-" + Name(i);
    c.address = Address(i);
    c.work_dir = (dir_ / ("work-" + Name(i))).string();
    for (const char* etcd : {"main", "events"}) {
      EtcdMembership m;
      m.etcd_cluster = etcd;
      m.member = Name(i);
      m.all_members = {"a", "b", "c"};
      std::tie(m.client_port, m.peer_port) = EtcdPorts(etcd);
      c.etcd.push_back(m);
    }
    planes_[i] = std::make_unique<ControlPlane>(
        c, ControlPlaneDeps{vfs_.get(), claimers_[i].get(), http_.get(), &RealClock::Instance(),
                            [](const std::string& line) {
                              static const auto start = Clk::now();
                              auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clk::now() - start);
                              std::cerr << "  [instance +" << ms.count() << "ms] " << line << "\n";
                            }});
    Status st = planes_[i]->Start();
    ASSERT_TRUE(st.ok()) << st.message();
  }

  // Waits (the instances supervise themselves) until pred holds or limit passes.
  bool TickUntil(std::chrono::milliseconds limit, const std::function<bool()>& pred) {
    auto deadline = Clk::now() + limit;
    while (Clk::now() < deadline) {
      if (pred()) return true;
      std::this_thread::sleep_for(50ms);
    }
    return pred();
  }

  Result<HttpResponse> Api(int i, const std::string& method, const std::string& path,
                           const std::string& body = "") {
    HttpRequest req;
    req.method = method;
    req.url = planes_[i]->api()->Url() + path;
    req.body = body;
    req.tls = admin_;
    req.timeout = 3s;
    return http_->Do(req);
  }
  bool Put(int i, const std::string& name, const std::string& value) {
    nlohmann::json cm = {{"metadata", {{"name", name}}}, {"data", {{"v", value}}}};
    Result<HttpResponse> r = Api(i, "POST", "/api/v1/namespaces/default/configmaps", cm.dump());
    return r.ok() && (r->status == 201 || r->status == 409);
  }
  std::string Read(int i, const std::string& name) {
    Result<HttpResponse> r = Api(i, "GET", "/api/v1/namespaces/default/configmaps/" + name);
    if (!r.ok() || r->status != 200) return "";
    return nlohmann::json::parse(r->body)["data"].value("v", "");
  }
  bool Running(int i, const char* etcd) {
    return planes_[i] && planes_[i]->manager(etcd)->snapshot().running;
  }
  void Kill(int i) { planes_[i].reset(); }

  std::string base_;
  fs::path dir_;
  std::unique_ptr<store::Vfs> vfs_;
  std::unique_ptr<HttpClient> http_;
  std::vector<std::unique_ptr<FakeVolumeClaimer>> claimers_;
  std::vector<std::unique_ptr<ControlPlane>> planes_;
  TlsConfig admin_;
};

TEST_F(ControlPlaneE2e, FormsRejoinsAndReplacesMembers) {
  auto t0 = Clk::now();
  for (int i = 0; i < 3; ++i) Launch(i);
  if (HasFatalFailure()) return;
  store::Keystore keystore(*vfs_, "e2e.local");
  admin_ = IssueApiClientTls(keystore, "admin").value();
  auto t_started = Clk::now();

  ASSERT_TRUE(TickUntil(30s, [&] { return Put(0, "first", "1"); })) << "no write through the API";
  auto t_first = Clk::now();
  std::cerr << "bring-up: instances started in "
            << std::chrono::duration_cast<std::chrono::milliseconds>(t_started - t0).count()
            << " ms; first API write after "
            << std::chrono::duration_cast<std::chrono::milliseconds>(t_first - t_started).count()
            << " ms more\n";
  ASSERT_TRUE(TickUntil(20s, [&] {
    for (int i = 0; i < 3; ++i)
      if (!Running(i, "main") || !Running(i, "events")) return false;
    return planes_[0]->manager("main")->snapshot().created_marked;
  }));
  // Unauthenticated callers get 401; /readyz is public and ready.
  {
    HttpRequest req;
    req.url = planes_[1]->api()->Url() + "/api/v1/nodes";
    req.tls.ca_pem = admin_.ca_pem;
    EXPECT_EQ(http_->Do(req)->status, 401);
    req.url = planes_[1]->api()->Url() + "/readyz";
    EXPECT_EQ(http_->Do(req)->status, 200);
  }
  for (int k = 0; k < 10; ++k) ASSERT_TRUE(Put(0, "cm" + std::to_string(k), std::to_string(k)));
  EXPECT_EQ(Read(1, "cm3"), "3");

  // Kill member c; writes go on with 2 of 3; relaunch on the same volume: it rejoins.
  Kill(2);
  ASSERT_TRUE(TickUntil(10s, [&] { return Put(1, "while-c-down", "x"); }));
  auto t_kill = Clk::now();
  Launch(2);
  ASSERT_TRUE(TickUntil(30s, [&] { return Running(2, "main") && Read(2, "while-c-down") == "x"; }))
      << planes_[2]->manager("main")->snapshot().last_reason;
  std::cerr << "rejoin on own data: readable after "
            << std::chrono::duration_cast<std::chrono::milliseconds>(Clk::now() - t_kill).count() << " ms\n";
  EXPECT_EQ(planes_[2]->manager("main")->snapshot().last_plan, etcd::StartPlan::Kind::kRestart);
  EXPECT_EQ(Read(2, "cm7"), "7");

  // Kill c again and lose its volumes: it comes back as a new member through a learner.
  Kill(2);
  for (const auto& entry : fs::directory_iterator(dir_ / "c")) fs::remove_all(entry.path() / "data");
  ASSERT_TRUE(Put(0, "while-c-lost", "y"));
  auto t_lost = Clk::now();
  Launch(2);
  ASSERT_TRUE(TickUntil(60s, [&] {
    etcd::ManagerSnapshot s = planes_[2]->manager("main")->snapshot();
    etcd::ManagerSnapshot e = planes_[2]->manager("events")->snapshot();
    return s.running && s.learner_id == 0 && e.running && e.learner_id == 0 &&
           Read(2, "while-c-lost") == "y";
  })) << planes_[2]->manager("main")->snapshot().last_reason << " / "
      << planes_[2]->manager("main")->snapshot().last_error;
  std::cerr << "replace via learner: promoted and readable after "
            << std::chrono::duration_cast<std::chrono::milliseconds>(Clk::now() - t_lost).count() << " ms\n";
  EXPECT_EQ(planes_[2]->manager("main")->snapshot().last_plan, etcd::StartPlan::Kind::kReplace);
  EXPECT_EQ(Read(2, "cm9"), "9");
  EXPECT_EQ(Read(2, "first"), "1");

  // Three voting members again.
  etcd::EtcdClusterApi api(*http_, planes_[0]->etcd_client_tls());
  Result<std::vector<etcd::Member>> members = api.MemberList({planes_[0]->manager("main")->ClientUrl()});
  ASSERT_TRUE(members.ok()) << members.status().message();
  ASSERT_EQ(members->size(), 3u);
  for (const etcd::Member& m : *members) EXPECT_FALSE(m.is_learner) << m.name;
}

}  // namespace
}  // namespace kops::instance
