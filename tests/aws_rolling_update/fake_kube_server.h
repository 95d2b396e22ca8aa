// FakeKubeServer: a FakeKubeApi (src/ops/fake_kube_api.h) served over HTTPS on a free
// loopback port, as a cluster's API server is reached from the operator's machine: the
// server presents `server_cert_pem` (issued for 127.0.0.1) and accepts only clients whose
// certificate chains to `client_ca_pem` (the handshake fails otherwise). Each request
// becomes the fake's HttpRequest (url FakeKubeApi::kEndpoint + the request target). The
// common names of the client certificates seen are recorded. The test reaches the fake
// only through WithApi, under the lock the requests are served with. Header-only.
#pragma once

#include <httplib.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "httplib_bridge.h"
#include "ops/fake_kube_api.h"

namespace kops::testing {

class FakeKubeServer {
 public:
  // dir: where the PEM files the server loads are written.
  FakeKubeServer(ops::FakeKubeApi& kube, const std::filesystem::path& dir,
                 const std::string& server_cert_pem, const std::string& server_key_pem,
                 const std::string& client_ca_pem)
      : kube_(kube),
        server_(Write(dir / "apiserver.crt", server_cert_pem).c_str(),
                Write(dir / "apiserver.key", server_key_pem).c_str(),
                Write(dir / "client-ca.crt", client_ca_pem).c_str()) {
    if (!server_.is_valid()) return;
    auto handler = [this](const httplib::Request& req, httplib::Response& res) { Serve(req, res); };
    server_.Get(".*", handler);
    server_.Post(".*", handler);
    server_.Patch(".*", handler);
    server_.Put(".*", handler);
    server_.Delete(".*", handler);
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ > 0) listener_ = std::thread([this] { server_.listen_after_bind(); });
  }
  FakeKubeServer(const FakeKubeServer&) = delete;
  FakeKubeServer& operator=(const FakeKubeServer&) = delete;
  ~FakeKubeServer() {
    server_.stop();
    if (listener_.joinable()) listener_.join();
  }

  bool ok() const { return port_ > 0; }
  std::string Url() const { return "https://127.0.0.1:" + std::to_string(port_); }

  // Runs f(kube) under the lock requests are served with.
  template <class F>
  auto WithApi(F&& f) {
    std::lock_guard<std::mutex> lock(mu_);
    return f(kube_);
  }
  // Common names of the client certificates requests came with.
  std::set<std::string> ClientNames() {
    std::lock_guard<std::mutex> lock(mu_);
    return client_names_;
  }

 private:
  static std::string Write(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  static std::string PeerCommonName(const httplib::Request& req) {
    if (!req.ssl) return "";
    X509* peer = SSL_get_peer_certificate(const_cast<SSL*>(req.ssl));
    if (!peer) return "";
    char cn[256] = {0};
    X509_NAME_get_text_by_NID(X509_get_subject_name(peer), NID_commonName, cn, sizeof cn);
    X509_free(peer);
    return cn;
  }

  void Serve(const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mu_);
    client_names_.insert(PeerCommonName(req));
    Result<HttpResponse> answer = kube_.http().Do(FakeRequestOf(req, ops::FakeKubeApi::kEndpoint));
    RespondWith(answer, res, answer.ok() && answer->body.starts_with("{") ? "application/json" : "text/plain");
  }


  ops::FakeKubeApi& kube_;
  httplib::SSLServer server_;
  int port_ = -1;
  std::thread listener_;
  std::mutex mu_;
  std::set<std::string> client_names_;
};

}  // namespace kops::testing
