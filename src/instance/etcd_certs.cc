#include "instance/etcd_certs.h"

#include "base/file_util.h"
#include "instance/pem_issue.h"

namespace kops::instance {

std::string EtcdManagerCaName(const std::string& c) { return "etcd-manager-ca-" + c; }
std::string EtcdPeersCaName(const std::string& c) { return "etcd-peers-ca-" + c; }
std::string EtcdClientsCaName(const std::string& c) {
  return c == "cilium" ? "etcd-clients-ca-cilium" : "etcd-clients-ca";
}

Result<TlsConfig> EtcdClientTls(store::Keystore& keystore, const std::string& etcd_cluster,
                                const std::string& common_name) {
  ASSIGN_OR_RETURN(IssuedPem pem, IssueFromCa(keystore, EtcdClientsCaName(etcd_cluster),
                                              pki::CertificateType::kClient, common_name, {}));
  TlsConfig tls;
  tls.ca_pem = pem.ca_pem;
  tls.cert_pem = pem.cert_pem;
  tls.key_pem = pem.key_pem;
  return tls;
}

Result<EtcdMemberTls> WriteEtcdMemberTls(store::Keystore& keystore, const std::string& etcd_cluster,
                                         const std::string& member, const std::string& address,
                                         const std::string& dir) {
  RETURN_IF_ERROR(MakeDirs(dir, 0700));
  ASSIGN_OR_RETURN(store::Keyset unused, keystore.EnsureCA(EtcdManagerCaName(etcd_cluster)));
  (void)unused;
  std::vector<std::string> sans = {address, "127.0.0.1", "localhost", member};
  ASSIGN_OR_RETURN(IssuedPem peer, IssueFromCa(keystore, EtcdPeersCaName(etcd_cluster),
                                               pki::CertificateType::kClientServer,
                                               "etcd-peer-" + member, sans));
  // Client-port certificate: serverAuth for clients, clientAuth for etcd's own gateway.
  ASSIGN_OR_RETURN(IssuedPem server, IssueFromCa(keystore, EtcdClientsCaName(etcd_cluster),
                                                 pki::CertificateType::kClientServer,
                                                 "etcd-" + member, sans));
  ASSIGN_OR_RETURN(TlsConfig client, EtcdClientTls(keystore, etcd_cluster, "etcd-manager-" + member));
  EtcdMemberTls out;
  out.peer = {dir + "/peer.crt", dir + "/peer.key", dir + "/peers-ca.crt", true};
  out.client = {dir + "/server.crt", dir + "/server.key", dir + "/clients-ca.crt", true};
  out.client_config = client;
  RETURN_IF_ERROR(WritePrivateFile(out.peer.cert_file, peer.cert_pem));
  RETURN_IF_ERROR(WritePrivateFile(out.peer.key_file, peer.key_pem));
  RETURN_IF_ERROR(WritePrivateFile(out.peer.trusted_ca_file, peer.ca_pem));
  RETURN_IF_ERROR(WritePrivateFile(out.client.cert_file, server.cert_pem));
  RETURN_IF_ERROR(WritePrivateFile(out.client.key_file, server.key_pem));
  RETURN_IF_ERROR(WritePrivateFile(out.client.trusted_ca_file, server.ca_pem));
  return out;
}

}  // namespace kops::instance
