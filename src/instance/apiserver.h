// ApiServer: the API stand-in's HTTPS listener (cpp-httplib with OpenSSL) in front of
// HandleApiRequest (apiserver_routes.h).
//
// TLS: the server certificate is given as PEM; clients may present a certificate, which
// is verified against client_ca_pem (the cluster CA, kubernetes-ca). The handshake never
// fails for a missing or untrusted client certificate: such requests are simply not
// authenticated and get 401 outside the public paths, as kube-apiserver answers.
// Start() binds (address:port) and serves on a background thread; Stop() (also in the
// destructor) stops and joins it.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "base/status.h"
#include "instance/object_store.h"

namespace httplib {
class SSLServer;
}

namespace kops::instance {

struct ApiServerOptions {
  std::string address;  // the instance address
  int port = 443;       // 0 = any free port (see port())
  std::string cert_pem, key_pem;
  std::string client_ca_pem;
  int worker_threads = 8;
};

class ApiServer {
 public:
  // store must outlive the server.
  ApiServer(ApiServerOptions options, ObjectStore& store);
  ~ApiServer();

  // kInvalidArgument for unusable certificates; kUnavailable when the port cannot be bound.
  Status Start();
  void Stop();
  int port() const { return port_; }
  std::string Url() const;

 private:
  ApiServerOptions options_;
  ObjectStore& store_;
  std::unique_ptr<httplib::SSLServer> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace kops::instance
