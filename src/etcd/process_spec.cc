#include "etcd/process_spec.h"

#include <algorithm>

namespace kops::etcd {
namespace {

std::string Url(bool tls, const std::string& address, int port) {
  return std::string(tls ? "https://" : "http://") + address + ":" + std::to_string(port);
}

void AppendTls(std::vector<std::string>& argv, const EtcdTlsFiles& tls, const std::string& p) {
  if (!tls.enabled()) return;
  argv.push_back("--" + p + "cert-file=" + tls.cert_file);
  argv.push_back("--" + p + "key-file=" + tls.key_file);
  if (!tls.trusted_ca_file.empty())
    argv.push_back("--" + p + "trusted-ca-file=" + tls.trusted_ca_file);
  if (tls.client_cert_auth) argv.push_back("--" + p + "client-cert-auth=true");
}

Status Validate(const EtcdProcessSpec& s) {
  auto missing = [](const char* field) {
    return InvalidArgument(std::string("etcd process spec: ") + field + " is empty");
  };
  if (s.binary.empty()) return missing("binary");
  if (s.name.empty()) return missing("name");
  if (s.data_dir.empty()) return missing("data_dir");
  if (s.address.empty()) return missing("address");
  if (s.initial_cluster_token.empty()) return missing("initial_cluster_token");
  if (s.initial_cluster.empty()) return missing("initial_cluster");
  for (auto [field, port] : {std::pair{"client_port", s.client_port}, {"peer_port", s.peer_port}}) {
    if (port < 1 || port > 65535) {
      return InvalidArgument(std::string("etcd process spec: ") + field + " " +
                             std::to_string(port) + " is not a port; expected 1..65535");
    }
  }
  bool self_listed = std::any_of(s.initial_cluster.begin(), s.initial_cluster.end(),
                                 [&](const auto& m) { return m.first == s.name; });
  if (!self_listed) {
    return InvalidArgument("etcd process spec: initial_cluster does not list member \"" + s.name +
                           "\" itself");
  }
  if (s.heartbeat_interval_ms <= 0 || s.election_timeout_ms <= s.heartbeat_interval_ms) {
    return InvalidArgument("etcd process spec: heartbeat " +
                           std::to_string(s.heartbeat_interval_ms) + "ms / election " +
                           std::to_string(s.election_timeout_ms) +
                           "ms; expected 0 < heartbeat < election");
  }
  return Status::Ok();
}

}  // namespace

std::string ClientUrl(const EtcdProcessSpec& spec) {
  return Url(spec.client_tls.enabled(), spec.address, spec.client_port);
}

std::string PeerUrl(const EtcdProcessSpec& spec) {
  return Url(spec.peer_tls.enabled(), spec.address, spec.peer_port);
}

std::string InitialClusterFlag(const std::vector<std::pair<std::string, std::string>>& members) {
  std::string out;
  for (const auto& [name, url] : members) {
    if (!out.empty()) out += ",";
    out += name + "=" + url;
  }
  return out;
}

Result<std::vector<std::string>> BuildEtcdArgv(const EtcdProcessSpec& s) {
  RETURN_IF_ERROR(Validate(s));
  std::string client = ClientUrl(s), peer = PeerUrl(s);
  std::vector<std::string> argv = {
      s.binary,
      "--name=" + s.name,
      "--data-dir=" + s.data_dir,
      "--listen-client-urls=" + client,
      "--advertise-client-urls=" + client,
      "--listen-peer-urls=" + peer,
      "--initial-advertise-peer-urls=" + peer,
      "--initial-cluster=" + InitialClusterFlag(s.initial_cluster),
      "--initial-cluster-token=" + s.initial_cluster_token,
      std::string("--initial-cluster-state=") +
          (s.state == EtcdProcessSpec::ClusterState::kNew ? "new" : "existing"),
      "--heartbeat-interval=" + std::to_string(s.heartbeat_interval_ms),
      "--election-timeout=" + std::to_string(s.election_timeout_ms),
      "--logger=zap",
      "--log-outputs=stderr",
  };
  AppendTls(argv, s.client_tls, "");
  AppendTls(argv, s.peer_tls, "peer-");
  argv.insert(argv.end(), s.extra_args.begin(), s.extra_args.end());
  return argv;
}

}  // namespace kops::etcd
