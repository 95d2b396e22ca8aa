#include "etcd/process_spec.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace kops::etcd {
namespace {

EtcdProcessSpec Spec() {
  EtcdProcessSpec s;
  s.name = "a";
  s.data_dir = "/tmp/d/a";
  s.address = "127.31.4.1";
  s.client_port = 4001;
  s.peer_port = 2380;
  s.initial_cluster = {{"a", "http://127.31.4.1:2380"}, {"b", "http://127.31.4.2:2380"}};
  s.initial_cluster_token = "tok";
  return s;
}

TEST(ProcessSpecTest, BuildsPlainArgv) {
  Result<std::vector<std::string>> argv = BuildEtcdArgv(Spec());
  ASSERT_TRUE(argv.ok()) << argv.status().message();
  std::vector<std::string> want = {
      "/usr/bin/etcd",
      "--name=a",
      "--data-dir=/tmp/d/a",
      "--listen-client-urls=http://127.31.4.1:4001",
      "--advertise-client-urls=http://127.31.4.1:4001",
      "--listen-peer-urls=http://127.31.4.1:2380",
      "--initial-advertise-peer-urls=http://127.31.4.1:2380",
      "--initial-cluster=a=http://127.31.4.1:2380,b=http://127.31.4.2:2380",
      "--initial-cluster-token=tok",
      "--initial-cluster-state=new",
      "--heartbeat-interval=100",
      "--election-timeout=500",
      "--logger=zap",
      "--log-outputs=stderr",
  };
  EXPECT_EQ(*argv, want);
}

TEST(ProcessSpecTest, TlsSwitchesSchemesAndAddsFileFlags) {
  EtcdProcessSpec s = Spec();
  s.state = EtcdProcessSpec::ClusterState::kExisting;
  s.client_tls = {"/p/server.crt", "/p/server.key", "/p/ca.crt", true};
  s.peer_tls = {"/p/peer.crt", "/p/peer.key", "/p/ca.crt", true};
  s.extra_args = {"--quota-backend-bytes=1000000"};
  EXPECT_EQ(ClientUrl(s), "https://127.31.4.1:4001");
  EXPECT_EQ(PeerUrl(s), "https://127.31.4.1:2380");
  Result<std::vector<std::string>> argv = BuildEtcdArgv(s);
  ASSERT_TRUE(argv.ok());
  auto has = [&](const std::string& flag) {
    return std::find(argv->begin(), argv->end(), flag) != argv->end();
  };
  EXPECT_TRUE(has("--initial-cluster-state=existing"));
  EXPECT_TRUE(has("--listen-client-urls=https://127.31.4.1:4001"));
  EXPECT_TRUE(has("--cert-file=/p/server.crt"));
  EXPECT_TRUE(has("--key-file=/p/server.key"));
  EXPECT_TRUE(has("--trusted-ca-file=/p/ca.crt"));
  EXPECT_TRUE(has("--client-cert-auth=true"));
  EXPECT_TRUE(has("--peer-cert-file=/p/peer.crt"));
  EXPECT_TRUE(has("--peer-key-file=/p/peer.key"));
  EXPECT_TRUE(has("--peer-trusted-ca-file=/p/ca.crt"));
  EXPECT_TRUE(has("--peer-client-cert-auth=true"));
  EXPECT_EQ(argv->back(), "--quota-backend-bytes=1000000");
}

TEST(ProcessSpecTest, RejectsIncompleteSpecsNamingTheField) {
  EtcdProcessSpec s = Spec();
  s.data_dir = "";
  EXPECT_NE(BuildEtcdArgv(s).status().message().find("data_dir"), std::string::npos);
  s = Spec();
  s.peer_port = 70000;
  EXPECT_NE(BuildEtcdArgv(s).status().message().find("peer_port 70000"), std::string::npos);
  s = Spec();
  s.name = "c";
  EXPECT_NE(BuildEtcdArgv(s).status().message().find("\"c\""), std::string::npos);
  s = Spec();
  s.election_timeout_ms = 50;
  EXPECT_EQ(BuildEtcdArgv(s).status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace kops::etcd
