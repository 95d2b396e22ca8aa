// EtcdClusterApi: the manager's ClusterApi over the v3 JSON gateway (client.h), with TLS.
#pragma once

#include <chrono>

#include "base/http.h"
#include "etcd/manager_deps.h"
#include "etcd/transport.h"

namespace kops::etcd {

class EtcdClusterApi : public ClusterApi {
 public:
  // http must outlive this object; tls is the client side (CA + client certificate).
  EtcdClusterApi(HttpClient& http, TlsConfig tls,
                 std::chrono::milliseconds timeout = std::chrono::milliseconds(2000))
      : http_(http), tls_(std::move(tls)), timeout_(timeout) {}

  Result<std::vector<Member>> MemberList(const Endpoints& endpoints) override;
  Result<MemberAddResponse> MemberAddLearner(const Endpoints& endpoints,
                                             const std::string& peer_url) override;
  Status MemberRemove(const Endpoints& endpoints, uint64_t id) override;
  Status MemberPromote(const Endpoints& endpoints, uint64_t id) override;
  Status MemberUpdatePeerUrl(const Endpoints& endpoints, uint64_t id,
                             const std::string& peer_url) override;
  Result<bool> Health(const std::string& endpoint) override;

 private:
  ClientOptions Options(const Endpoints& endpoints) const;

  HttpClient& http_;
  TlsConfig tls_;
  std::chrono::milliseconds timeout_;
};

}  // namespace kops::etcd
