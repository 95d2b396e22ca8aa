// EtcdProcessSpec: everything needed to start one etcd 3.4 member, and the argv for it.
// Spawning is the caller's business (the etcd manager, or fork/exec in tests).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace kops::etcd {

// File names (not PEM text: etcd reads files) for one side of etcd's TLS.
struct EtcdTlsFiles {
  std::string cert_file;
  std::string key_file;
  std::string trusted_ca_file;
  bool client_cert_auth = false;  // require certificates signed by trusted_ca_file

  bool enabled() const { return !cert_file.empty(); }
};

struct EtcdProcessSpec {
  std::string binary = "/usr/bin/etcd";
  std::string name;  // member name, unique in the cluster
  std::string data_dir;
  std::string address;  // the member's IP, e.g. "127.31.4.1" (also where it listens)
  int client_port = 2379;
  int peer_port = 2380;
  // name -> peer URL of every member the new member should know, itself included.
  std::vector<std::pair<std::string, std::string>> initial_cluster;
  std::string initial_cluster_token;
  enum class ClusterState { kNew, kExisting };
  // kNew to bootstrap; kExisting to join after MemberAdd (or restart).
  ClusterState state = ClusterState::kNew;
  // Loopback defaults: elections in ~0.5 s instead of 1 s (see notes/etcd-on-loopback.md).
  int heartbeat_interval_ms = 100;
  int election_timeout_ms = 500;
  EtcdTlsFiles client_tls;              // https client URLs when enabled
  EtcdTlsFiles peer_tls;                // https peer URLs when enabled
  std::vector<std::string> extra_args;  // appended verbatim, e.g. "--quota-backend-bytes=…"
};

// "http(s)://ADDRESS:PORT" for the client and peer side (https when that side has TLS).
std::string ClientUrl(const EtcdProcessSpec& spec);
std::string PeerUrl(const EtcdProcessSpec& spec);

// "a=http://…,b=http://…" in the order given.
std::string InitialClusterFlag(const std::vector<std::pair<std::string, std::string>>& members);

// argv (argv[0] = binary) for the spec. kInvalidArgument naming the field when name,
// data_dir, address, initial_cluster or token is empty, a port is outside 1..65535, the
// member's own name is missing from initial_cluster, or the timeouts are not
// 0 < heartbeat < election (etcd wants election >= 5 x heartbeat; not enforced).
Result<std::vector<std::string>> BuildEtcdArgv(const EtcdProcessSpec& spec);

}  // namespace kops::etcd
