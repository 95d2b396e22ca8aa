// Certificates of an etcd member, issued from the cluster keystore's etcd CAs as kops'
// etcd-manager uses them:
//   etcd-peers-ca-<cluster>    signs the member's peer certificate (peer TLS, both ways)
//   etcd-clients-ca            signs the member's client-port server certificate and the
//                              client certificates of etcd's clients (the API server, the
//                              manager itself); "etcd-clients-ca-cilium" for cilium
//   etcd-manager-ca-<cluster>  etcd-manager's own control channel (ensured, unused here)
// The CAs are created in the keystore when missing (EnsureCA is idempotent and safe
// under concurrency). Member certificates are issued locally with fresh ECDSA keys and
// written as files (etcd reads files), never stored in the state store. SANs: the
// member address, 127.0.0.1 (etcd on loopback sees peers coming from 127.0.0.1) and
// "localhost".
#pragma once

#include <string>

#include "base/http.h"
#include "base/status.h"
#include "etcd/process_spec.h"
#include "store/keystore.h"

namespace kops::instance {

std::string EtcdManagerCaName(const std::string& etcd_cluster);
std::string EtcdPeersCaName(const std::string& etcd_cluster);
std::string EtcdClientsCaName(const std::string& etcd_cluster);

struct EtcdMemberTls {
  etcd::EtcdTlsFiles client;  // etcd's client port (client certs required)
  etcd::EtcdTlsFiles peer;    // etcd's peer port (client certs required)
  TlsConfig client_config;    // for talking to etcd: clients CA + a client certificate
};

// Issues and writes the member's certificates into dir (created, mode 0700; files 0600).
Result<EtcdMemberTls> WriteEtcdMemberTls(store::Keystore& keystore, const std::string& etcd_cluster,
                                         const std::string& member, const std::string& address,
                                         const std::string& dir);

// A client certificate (PEM) for etcd_cluster's clients, e.g. the API server's.
Result<TlsConfig> EtcdClientTls(store::Keystore& keystore, const std::string& etcd_cluster,
                                const std::string& common_name);

}  // namespace kops::instance
