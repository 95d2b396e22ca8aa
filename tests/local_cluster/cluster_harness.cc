#include "local_cluster/cluster_harness.h"

#include <dirent.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "instance/apiserver_certs.h"
#include "store/keystore.h"
#include "store/vfs.h"
#include "support/file_tail.h"

namespace kops::e2e {

namespace {

std::string ReadProcFile(int pid, const char* name) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/" + name);
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (char& c : s) c = c == '\0' ? ' ' : c;
  return s;
}

bool Zombie(int pid) {
  std::string stat = ReadProcFile(pid, "stat");
  size_t close = stat.rfind(')');
  return close == std::string::npos || stat.substr(close + 2, 1) == "Z";
}

}  // namespace

void PrintLogTails(const std::string& dir, size_t lines) {
  std::error_code ec;
  std::vector<std::filesystem::path> logs;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".log") logs.push_back(it->path());
  }
  std::sort(logs.begin(), logs.end());
  for (const auto& log : logs) {
    std::cerr << "----- last " << lines << " lines of " << log.string() << "\n";
    for (const std::string& line : testing::LastLines(log.string(), lines)) std::cerr << line << "\n";
  }
}

std::vector<int> ProcessesMentioning(const std::string& needle) {
  std::vector<int> out;
  DIR* proc = opendir("/proc");
  while (dirent* e = readdir(proc)) {
    int pid = std::atoi(e->d_name);
    if (pid <= 0 || pid == getpid()) continue;
    bool mentions = ReadProcFile(pid, "cmdline").find(needle) != std::string::npos ||
                    ReadProcFile(pid, "environ").find(needle) != std::string::npos;
    if (mentions && !Zombie(pid)) out.push_back(pid);
  }
  closedir(proc);
  return out;
}

bool WaitFor(const std::function<bool()>& check, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    while (waitpid(-1, nullptr, WNOHANG) > 0) {
    }
    if (check()) return true;
    std::this_thread::sleep_for(100ms);
  }
  return check();
}

void LocalClusterHarness::SetUp() {
  prctl(PR_SET_CHILD_SUBREAPER, 1);  // PID 1 here does not reap: orphans come to us
  char tmpl[] = "/tmp/kops-lcl-XXXXXX";
  dir_ = mkdtemp(tmpl);
  env_ = {{"KOPS_LOCAL_CLOUD_DIR", dir_ + "/cloud"},
          {"KOPS_STATE_STORE", "file://" + dir_ + "/store"},
          {"KOPS_LOCAL_CLOUD_IDLE_EXIT", "5"}};
  cloud::local::ClientOptions o;
  o.state_dir = env_["KOPS_LOCAL_CLOUD_DIR"];
  o.daemon_argv = {testing::KopsBinary(), "toolbox", "local-cloud", "daemon"};
  client_ = std::make_unique<cloud::local::LocalCloudClient>(o);
  ref_ = {env_["KOPS_STATE_STORE"], kCluster};
}

void LocalClusterHarness::TearDown() {
  // What the cloud and its instances logged is what explains a failure seen only on CI.
  if (HasFailure()) PrintLogTails(dir_, 60);
  if (!deleted_) Kops({"delete", "cluster", kCluster, "--yes"}, 90);
  Kops({"toolbox", "local-cloud", "stop"}, 20);
  for (int pid : ProcessesMentioning(dir_)) kill(pid, SIGKILL);
  WaitFor([&] { return ProcessesMentioning(dir_).empty(); }, 5000ms);
  std::filesystem::remove_all(dir_);
}

testing::CommandResult LocalClusterHarness::Kops(std::vector<std::string> args,
                                                 int timeout_seconds) {
  args.insert(args.begin(), testing::KopsBinary());
  return testing::RunCommand(args, env_, "", timeout_seconds);
}

nlohmann::json LocalClusterHarness::Instances() {
  auto r = Kops({"get", "instances", kCluster, "-o", "json"}, 30);
  if (r.exit_code != 0) return nlohmann::json::array();
  return nlohmann::json::parse(r.out, nullptr, false);
}

int LocalClusterHarness::RunningCount() {
  int n = 0;
  for (const auto& i : Instances()) n += i.value("state", "") == "running";
  return n;
}

std::string LocalClusterHarness::RunningIn(const std::string& group) {
  for (const auto& i : Instances()) {
    if (i.value("group", "") == group && i.value("state", "") == "running") return i["id"];
  }
  return "";
}

std::string LocalClusterHarness::LoadBalancerAddress() {
  auto s = client_->GetStatus();
  if (!s.ok()) return "";
  std::string id = cloud::local::ClusterId(ref_.store_url, ref_.cluster);
  for (const auto& lb : (*s)["load_balancers"]) {
    if (lb.value("cluster_id", "") == id) return lb.value("address", "");
  }
  return "";
}

Result<HttpResponse> LocalClusterHarness::Api(const std::string& method, const std::string& path,
                                              const std::string& body, const std::string& host,
                                              std::chrono::milliseconds timeout) {
  if (admin_tls_.cert_pem.empty()) {
    ASSIGN_OR_RETURN(auto vfs, store::OpenVfs(env_["KOPS_STATE_STORE"]));
    store::Keystore keystore(*vfs, kCluster);
    ASSIGN_OR_RETURN(admin_tls_, instance::IssueApiClientTls(keystore, "admin"));
    // Calls go to the LB or straight to one instance by address; which names the API
    // certificate carries is not what this test checks.
    admin_tls_.insecure_skip_verify = true;
  }
  HttpRequest r;
  r.method = method;
  r.url = "https://" + (host.empty() ? LoadBalancerAddress() : host) + ":443" + path;
  r.body = body;
  if (!body.empty()) r.headers.push_back({"Content-Type", "application/json"});
  r.timeout = timeout;
  r.tls = admin_tls_;
  return http_->Do(r);
}

bool LocalClusterHarness::PutConfigMap(const std::string& name, const std::string& value) {
  nlohmann::json cm = {{"apiVersion", "v1"},
                       {"kind", "ConfigMap"},
                       {"metadata", {{"name", name}, {"namespace", "default"}}},
                       {"data", {{"value", value}}}};
  auto r = Api("POST", "/api/v1/namespaces/default/configmaps", cm.dump());
  return r.ok() && (r->status == 201 || r->status == 409);
}

std::string LocalClusterHarness::GetConfigMap(const std::string& name) {
  auto r = Api("GET", "/api/v1/namespaces/default/configmaps/" + name);
  if (!r.ok() || r->status != 200) return "";
  auto j = nlohmann::json::parse(r->body, nullptr, false);
  if (!j.is_object() || !j.contains("data")) return "";
  return j["data"].value("value", "");
}

}  // namespace kops::e2e
