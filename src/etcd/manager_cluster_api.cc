#include "etcd/manager_cluster_api.h"

#include "etcd/client.h"

namespace kops::etcd {

ClientOptions EtcdClusterApi::Options(const Endpoints& endpoints) const {
  ClientOptions o;
  o.endpoints = endpoints;
  o.request_timeout = timeout_;
  o.tls = tls_;
  return o;
}

#define KOPS_MANAGER_CLIENT(var, endpoints) \
  ASSIGN_OR_RETURN(std::unique_ptr<Client> var, Client::Create(http_, Options(endpoints)))

Result<std::vector<Member>> EtcdClusterApi::MemberList(const Endpoints& endpoints) {
  KOPS_MANAGER_CLIENT(c, endpoints);
  ASSIGN_OR_RETURN(MemberListResponse r, c->MemberList());
  return r.members;
}

Result<MemberAddResponse> EtcdClusterApi::MemberAddLearner(const Endpoints& endpoints,
                                                           const std::string& peer_url) {
  KOPS_MANAGER_CLIENT(c, endpoints);
  return c->MemberAdd({peer_url}, /*as_learner=*/true);
}

Status EtcdClusterApi::MemberRemove(const Endpoints& endpoints, uint64_t id) {
  KOPS_MANAGER_CLIENT(c, endpoints);
  return c->MemberRemove(id).status();
}

Status EtcdClusterApi::MemberPromote(const Endpoints& endpoints, uint64_t id) {
  KOPS_MANAGER_CLIENT(c, endpoints);
  Result<MemberListResponse> r = c->MemberPromote(id);
  return r.ok() ? Status::Ok() : r.status();
}

Status EtcdClusterApi::MemberUpdatePeerUrl(const Endpoints& endpoints, uint64_t id,
                                           const std::string& peer_url) {
  // The client has no member update; the gateway call is one line.
  if (endpoints.empty()) return Unavailable("member update: no endpoints");
  Transport t(http_, Options(endpoints));
  Json body = {{"ID", std::to_string(id)}, {"peerURLs", {peer_url}}};
  return t.Call("/v3/cluster/member/update", body, RequestKind::kWrite,
                "member update " + std::to_string(id))
      .status();
}

Result<bool> EtcdClusterApi::Health(const std::string& endpoint) {
  KOPS_MANAGER_CLIENT(c, Endpoints{endpoint});
  return c->Health(endpoint);
}

}  // namespace kops::etcd
