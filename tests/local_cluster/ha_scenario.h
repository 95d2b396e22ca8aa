// HaScenario: the pieces the HA failure scenarios (ha_failures_e2e_test.cc) share on top
// of LocalClusterHarness: bring a 3-zone cluster to a validated state, run `validate
// cluster -o json`, write and read back configmaps, name the etcd volumes, run a command
// in the background (the probe) while the test injects a failure. Every wait is bounded.
#pragma once

#include <algorithm>
#include <fstream>
#include <future>
#include <set>
#include <string>
#include <vector>

#include "local_cluster/cluster_harness.h"

namespace kops::e2e {

// What `validate cluster -o json` said, parsed ({} when stdout was not JSON).
struct Validation {
  int exit_code = -1;
  nlohmann::json json;
  std::string err;

  // "type name" of every failure, sorted.
  std::set<std::string> Failures() const {
    std::set<std::string> out;
    if (json.is_object() && json.contains("failures"))
      for (const auto& f : json["failures"]) out.insert(f.value("type", "") + " " + f.value("name", ""));
    return out;
  }
  // The ETCD row of member of etcd cluster (null when absent).
  nlohmann::json Member(const std::string& cluster, const std::string& member) const {
    if (json.is_object() && json.contains("etcd"))
      for (const auto& e : json["etcd"])
        if (e.value("cluster", "") == cluster && e.value("member", "") == member) return e;
    return nullptr;
  }
  // The ETCD row of the leader of etcd cluster (null when none).
  nlohmann::json Leader(const std::string& cluster) const {
    if (json.is_object() && json.contains("etcd"))
      for (const auto& e : json["etcd"])
        if (e.value("cluster", "") == cluster && e.value("leader", false)) return e;
    return nullptr;
  }
};

class HaScenario : public LocalClusterHarness {
 protected:
  // create (3 zones, 3 control planes, 3 nodes) → update --yes → validate --wait 2m.
  void BringUp() {
    auto created = Kops({"create", "cluster", "--cloud", "local", "--zones", "local-a,local-b,local-c",
                         "--control-plane-zones", "local-a,local-b,local-c", "--node-count", "3", kCluster});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    auto updated = Kops({"update", "cluster", kCluster, "--yes"});
    ASSERT_EQ(updated.exit_code, 0) << updated.err;
    Validation v = Validate("2m");
    ASSERT_EQ(v.exit_code, 0) << v.json.dump(1) << v.err;
  }

  // `validate cluster -o json [--wait W]`.
  Validation Validate(const std::string& wait = "") {
    std::vector<std::string> args = {"validate", "cluster", kCluster, "-o", "json"};
    if (!wait.empty()) args.insert(args.end(), {"--wait", wait});
    auto r = Kops(args, 180);
    return {r.exit_code, nlohmann::json::parse(r.out, nullptr, false), r.err};
  }

  // The volume of etcd cluster (main/events) in zone, as the daemon describes it.
  cloud::local::Volume EtcdVolume(const std::string& etcd, const std::string& zone) {
    auto v = client_->DescribeVolumes(ref_, {{"k8s.io/etcd/" + etcd, ""}}, zone);
    return v.ok() && v->size() == 1 ? (*v)[0] : cloud::local::Volume{};
  }

  // prefix-0 … prefix-(count-1), each retried for at most 30 s; the names written.
  std::vector<std::string> WriteAll(const std::string& prefix, int count) {
    std::vector<std::string> names;
    for (int i = 0; i < count; ++i) {
      std::string name = prefix + "-" + std::to_string(i);
      EXPECT_TRUE(WaitFor([&] { return PutConfigMap(name, name); }, 30000ms)) << "write " << name;
      names.push_back(name);
    }
    return names;
  }

  // Every name reads back with its own value (each retried for at most 20 s).
  void ExpectAllReadable(const std::vector<std::string>& names) {
    for (const auto& name : names)
      EXPECT_TRUE(WaitFor([&] { return GetConfigMap(name) == name; }, 20000ms)) << name << " was lost";
  }

  // An API call through the load balancer (or to host) with a timeout longer than the
  // API's own etcd deadline, so its answer (not the client's timeout) is what the test
  // sees.
  Result<HttpResponse> SlowApi(const std::string& method, const std::string& path, const std::string& body,
                               const std::string& host = "") {
    return Api(method, path, body, host, 20000ms);
  }

  // Creates configmap name (value name) through host: 201, or 409 when an earlier try did.
  bool PutConfigMapVia(const std::string& host, const std::string& name) {
    auto r = SlowApi("POST", "/api/v1/namespaces/default/configmaps", ConfigMapJson(name), host);
    return r.ok() && (r->status == 201 || r->status == 409);
  }

  static std::string ConfigMapJson(const std::string& name) {
    return nlohmann::json{{"apiVersion", "v1"},
                          {"kind", "ConfigMap"},
                          {"metadata", {{"name", name}, {"namespace", "default"}}},
                          {"data", {{"value", name}}}}
        .dump();
  }

  // kops with args, in a thread of its own; get() the result.
  std::future<testing::CommandResult> KopsInBackground(std::vector<std::string> args, int timeout_seconds) {
    args.insert(args.begin(), testing::KopsBinary());
    return std::async(std::launch::async, [args, env = env_, timeout_seconds] {
      return testing::RunCommand(args, env, "", timeout_seconds);
    });
  }

  // Ids of the cluster's instances (any state), sorted.
  std::vector<std::string> InstanceIds() {
    std::vector<std::string> ids;
    for (const auto& i : Instances()) ids.push_back(i.value("id", ""));
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  // The group of instance_id, "" when the cloud does not list it.
  std::string GroupOf(const std::string& instance_id) {
    for (const auto& i : Instances())
      if (i.value("id", "") == instance_id) return i.value("group", "");
    return "";
  }

  // Live processes of this test whose command line holds "local-cloud daemon".
  std::vector<int> DaemonProcesses() {
    std::vector<int> out;
    for (int pid : ProcessesMentioning(dir_)) {
      std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline");
      std::string cmd((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      for (char& c : cmd) c = c == '\0' ? ' ' : c;
      if (cmd.find("local-cloud daemon") != std::string::npos) out.push_back(pid);
    }
    return out;
  }
};

}  // namespace kops::e2e
