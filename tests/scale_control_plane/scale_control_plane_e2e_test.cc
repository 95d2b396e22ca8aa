// Issue 5, done-when 4, through the binary on the local cloud: a 1-control-plane cluster
// made by create cluster, data written, then `kops scale control-plane` 1 -> 3 -> 5 -> 3
// with a write probe through the load balancer during each change. Asserted: 0 lost
// writes, the data written before is all there, etcd lists exactly the expected members,
// validate passes, and the original control-plane instance is never replaced. Failed
// writes, the longest gap and each change's duration are printed (SCALE_1_TO_3=…), never
// asserted.
#include <algorithm>
#include <future>
#include <iostream>
#include <set>

#include "etcd/client.h"
#include "local_cluster/cluster_harness.h"
#include "ops/client_cert.h"
#include "store/keystore.h"
#include "store/vfs.h"

namespace kops::e2e {
namespace {

using Strings = std::vector<std::string>;

class ScaleControlPlaneE2eTest : public LocalClusterHarness {
 protected:
  std::future<testing::CommandResult> KopsInBackground(std::vector<std::string> args, int timeout) {
    args.insert(args.begin(), testing::KopsBinary());
    return std::async(std::launch::async, [args, env = env_, timeout] {
      return testing::RunCommand(args, env, "", timeout);
    });
  }

  // The running control-plane instances: group -> id.
  std::map<std::string, std::string> ControlPlanes() {
    std::map<std::string, std::string> out;
    for (const auto& i : Instances())
      if (i.value("role", "") == "ControlPlane" && i.value("state", "") == "running")
        out[i.value("group", "")] = i.value("id", "");
    return out;
  }

  // etcd's own member list of etcd cluster c ("name" or "name(learner)"), sorted.
  Strings EtcdMembers(const std::string& c) {
    auto vfs = store::OpenVfs(env_["KOPS_STATE_STORE"]);
    if (!vfs.ok()) return {"<no store>"};
    store::Keystore keystore(**vfs, kCluster);
    auto tls = ops::IssueClientTls(keystore, "etcd-clients-ca", {"e2e", {}}, std::chrono::hours(1),
                                   std::chrono::system_clock::now());
    if (!tls.ok()) return {"<" + tls.status().message() + ">"};
    etcd::ClientOptions o;
    o.tls = *tls;
    const int port = c == "main" ? 4001 : 4002;
    for (const auto& i : Instances())
      if (i.value("role", "") == "ControlPlane" && i.value("state", "") == "running")
        o.endpoints.push_back("https://" + i.value("address", "") + ":" + std::to_string(port));
    if (o.endpoints.empty()) return {"<no endpoint>"};
    auto client = etcd::Client::Create(*http_, o);
    if (!client.ok()) return {"<" + client.status().message() + ">"};
    auto list = (*client)->MemberList();
    if (!list.ok()) return {"<" + list.status().message() + ">"};
    Strings out;
    for (const auto& m : list->members) out.push_back(m.name + (m.is_learner ? "(learner)" : ""));
    std::sort(out.begin(), out.end());
    return out;
  }

  // One scale under a probe: the probe's JSON report (with "scale_seconds" added).
  nlohmann::json ScaleUnderProbe(const std::string& label, Strings scale_args) {
    auto probe = KopsInBackground({"toolbox", "probe", kCluster, "--duration", "45s", "-o", "json"}, 150);
    EXPECT_TRUE(WaitFor(
        [&] {
          auto r = Api("GET", "/api/v1/namespaces/default/configmaps");
          return r.ok() && r->status == 200 && r->body.find("kops-probe-") != std::string::npos;
        },
        20000ms))
        << "the probe never wrote";
    Strings args = {"scale", "control-plane", kCluster};
    args.insert(args.end(), scale_args.begin(), scale_args.end());
    auto begin = std::chrono::steady_clock::now();
    testing::CommandResult scaled = Kops(args, 600);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    EXPECT_EQ(scaled.exit_code, 0) << scaled.out << scaled.err;
    std::cerr << "---- " << label << " progress\n" << scaled.err;
    testing::CommandResult probed = probe.get();
    auto report = nlohmann::json::parse(probed.out, nullptr, false);
    EXPECT_TRUE(report.is_object() && report.contains("lost")) << probed.out << probed.err;
    if (!report.is_object()) return nlohmann::json::object();
    report["scale_seconds"] = seconds;
    std::cout << label << "=" << report.dump() << std::endl;
    EXPECT_EQ(report.value("lost", -1), 0) << label << ": acknowledged writes lost: " << report.dump();
    EXPECT_GT(report.value("acknowledged", 0), 0) << report.dump();
    return report;
  }

  void ExpectValid() {
    auto v = Kops({"validate", "cluster", kCluster, "--wait", "2m", "-o", "json"}, 150);
    EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  }

  void ExpectData(const std::map<std::string, std::string>& written) {
    for (const auto& [name, value] : written) EXPECT_EQ(GetConfigMap(name), value) << name;
  }
};

TEST_F(ScaleControlPlaneE2eTest, OneToThreeToFiveToThreeLosesNoWriteAndNeverRollsTheFirst) {
  auto created = Kops({"create", "cluster", kCluster, "--cloud", "local", "--zones", "local-a",
                       "--node-count", "1"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  auto updated = Kops({"update", "cluster", kCluster, "--yes"}, 180);
  ASSERT_EQ(updated.exit_code, 0) << updated.err;
  auto valid = Kops({"validate", "cluster", kCluster, "--wait", "3m"}, 200);
  ASSERT_EQ(valid.exit_code, 0) << valid.out << valid.err;
  std::map<std::string, std::string> written;
  for (int i = 0; i < 5; ++i) {
    std::string name = "before-scale-" + std::to_string(i), value = "v" + std::to_string(i);
    ASSERT_TRUE(PutConfigMap(name, value)) << name;
    written[name] = value;
  }
  const std::string first = RunningIn("control-plane-local-a");
  ASSERT_FALSE(first.empty());

  // The plan without --yes changes nothing.
  auto plan = Kops({"scale", "control-plane", kCluster, "--zones", "local-a,local-b,local-c"});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_NE(plan.out.find("control-plane-local-b=b"), std::string::npos) << plan.out;
  EXPECT_NE(plan.err.find("--yes"), std::string::npos) << plan.err;
  EXPECT_EQ(ControlPlanes().size(), 1u);

  ScaleUnderProbe("SCALE_1_TO_3", {"--zones", "local-a,local-b,local-c", "--yes"});
  EXPECT_EQ(EtcdMembers("main"), (Strings{"a", "b", "c"}));
  EXPECT_EQ(EtcdMembers("events"), (Strings{"a", "b", "c"}));
  ExpectValid();
  EXPECT_EQ(RunningIn("control-plane-local-a"), first) << "the first control plane was replaced";

  ScaleUnderProbe("SCALE_3_TO_5", {"--zones", "local-a,local-b,local-c", "--count", "5", "--yes"});
  EXPECT_EQ(EtcdMembers("main"), (Strings{"a", "a-2", "b", "b-2", "c"}));
  EXPECT_EQ(EtcdMembers("events"), (Strings{"a", "a-2", "b", "b-2", "c"}));
  ExpectValid();
  EXPECT_EQ(RunningIn("control-plane-local-a"), first);

  ScaleUnderProbe("SCALE_5_TO_3", {"--zones", "local-a,local-b,local-c", "--count", "3", "--yes"});
  EXPECT_EQ(EtcdMembers("main"), (Strings{"a", "b", "c"}));
  EXPECT_EQ(EtcdMembers("events"), (Strings{"a", "b", "c"}));
  ExpectValid();
  EXPECT_EQ(RunningIn("control-plane-local-a"), first);
  auto groups = ControlPlanes();
  EXPECT_EQ(groups.size(), 3u);
  EXPECT_FALSE(groups.count("control-plane-local-a-2")) << "removed groups keep no instance";
  ExpectData(written);

  // Nothing left to do: the same command plans nothing, update cluster changes nothing.
  auto again = Kops({"scale", "control-plane", kCluster, "--zones", "local-a,local-b,local-c", "--yes"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("nothing to do"), std::string::npos) << again.out;
  auto dry = Kops({"update", "cluster", kCluster});
  EXPECT_NE(dry.out.find("No changes need to be applied"), std::string::npos) << dry.out << dry.err;
}

}  // namespace
}  // namespace kops::e2e
