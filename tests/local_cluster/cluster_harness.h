// LocalClusterHarness: one local-cloud cluster per test, driven through the kops binary,
// with a private KOPS_LOCAL_CLOUD_DIR and state store under a temporary directory.
// Teardown deletes the cluster, stops the daemon and SIGKILLs every process left that
// belongs to the test (its directory in the command line or the environment), then
// removes the directory. Every wait is a bounded loop.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/http.h"
#include "cloud/local/client.h"
#include "support/run_command.h"

namespace kops::e2e {

using namespace std::chrono_literals;

// Live (non-zombie) processes whose command line or environment contains needle.
std::vector<int> ProcessesMentioning(const std::string& needle);

// Prints the last `lines` lines of every *.log under dir to stderr (for a failed test).
void PrintLogTails(const std::string& dir, size_t lines);

// Waits until check() holds (reaping adopted orphans), polling every 100 ms.
bool WaitFor(const std::function<bool()>& check, std::chrono::milliseconds timeout);

class LocalClusterHarness : public ::testing::Test {
 protected:
  static constexpr const char* kCluster = "ha.local";

  void SetUp() override;
  void TearDown() override;

  testing::CommandResult Kops(std::vector<std::string> args, int timeout_seconds = 120);
  // `kops get instances -o json` (an empty list when it fails).
  nlohmann::json Instances();
  int RunningCount();
  // The running instance of group, "" when none.
  std::string RunningIn(const std::string& group);
  // The cluster's load balancer address from the daemon ("" before it exists).
  std::string LoadBalancerAddress();
  // An HTTPS call through the load balancer (or to host) with an admin client certificate.
  Result<HttpResponse> Api(const std::string& method, const std::string& path,
                           const std::string& body = "", const std::string& host = "",
                           std::chrono::milliseconds timeout = 5000ms);
  // Creates configmap name (201, or 409 when an earlier try already did).
  bool PutConfigMap(const std::string& name, const std::string& value);
  // Its data.value, or "" when it cannot be read.
  std::string GetConfigMap(const std::string& name);

  std::string dir_;
  std::map<std::string, std::string> env_;
  std::unique_ptr<cloud::local::LocalCloudClient> client_;
  cloud::local::ClusterRef ref_;
  std::unique_ptr<HttpClient> http_ = NewCurlHttpClient();
  TlsConfig admin_tls_;
  bool deleted_ = false;
};

}  // namespace kops::e2e
