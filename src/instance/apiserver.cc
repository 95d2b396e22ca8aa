#include "instance/apiserver.h"

#include <httplib.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include "instance/apiserver_routes.h"

namespace kops::instance {
namespace {

// Accept any client certificate during the handshake; the handler checks the result.
int AcceptAny(int, X509_STORE_CTX*) { return 1; }

bool LoadPem(SSL_CTX& ctx, const ApiServerOptions& o) {
  BIO* cb = BIO_new_mem_buf(o.cert_pem.data(), static_cast<int>(o.cert_pem.size()));
  X509* cert = PEM_read_bio_X509(cb, nullptr, nullptr, nullptr);
  BIO_free(cb);
  BIO* kb = BIO_new_mem_buf(o.key_pem.data(), static_cast<int>(o.key_pem.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(kb, nullptr, nullptr, nullptr);
  BIO_free(kb);
  bool ok = cert && key && SSL_CTX_use_certificate(&ctx, cert) == 1 &&
            SSL_CTX_use_PrivateKey(&ctx, key) == 1 && SSL_CTX_check_private_key(&ctx) == 1;
  X509_free(cert);
  EVP_PKEY_free(key);
  if (!ok) return false;
  X509_STORE* store = SSL_CTX_get_cert_store(&ctx);
  BIO* ab = BIO_new_mem_buf(o.client_ca_pem.data(), static_cast<int>(o.client_ca_pem.size()));
  int cas = 0;
  while (X509* ca = PEM_read_bio_X509(ab, nullptr, nullptr, nullptr)) {
    X509_STORE_add_cert(store, ca);
    X509_free(ca);
    ++cas;
  }
  BIO_free(ab);
  ERR_clear_error();
  SSL_CTX_set_options(&ctx, SSL_OP_NO_SSLv2 | SSL_OP_NO_SSLv3 | SSL_OP_NO_TLSv1 | SSL_OP_NO_TLSv1_1);
  SSL_CTX_set_verify(&ctx, SSL_VERIFY_PEER, AcceptAny);
  // With peer verification on, OpenSSL refuses to resume a session (alert "internal
  // error") unless the context names its sessions: a client that reconnects after the
  // server closed a kept-alive connection resumes its session.
  static const unsigned char kSessionContext[] = "kops-apiserver";
  SSL_CTX_set_session_id_context(&ctx, kSessionContext, sizeof(kSessionContext) - 1);
  return cas > 0;
}

bool Authenticated(const httplib::Request& req) {
  if (!req.ssl) return false;
  SSL* ssl = const_cast<SSL*>(req.ssl);
  X509* peer = SSL_get_peer_certificate(ssl);
  if (!peer) return false;
  X509_free(peer);
  return SSL_get_verify_result(ssl) == X509_V_OK;
}

}  // namespace

ApiServer::ApiServer(ApiServerOptions options, ObjectStore& store)
    : options_(std::move(options)), store_(store) {}

ApiServer::~ApiServer() { Stop(); }

std::string ApiServer::Url() const {
  return "https://" + options_.address + ":" + std::to_string(port_);
}

Status ApiServer::Start() {
  ApiServerOptions o = options_;
  server_ = std::make_unique<httplib::SSLServer>([o](SSL_CTX& ctx) { return LoadPem(ctx, o); });
  if (!server_->is_valid()) {
    server_.reset();
    return InvalidArgument("API server: the server certificate, key or client CA is unusable");
  }
  int threads = options_.worker_threads;
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  auto handler = [this](const httplib::Request& req, httplib::Response& res) {
    ApiResponse r = HandleApiRequest({req.method, req.path, req.body, Authenticated(req)}, store_);
    res.status = r.status;
    res.set_content(r.body, r.content_type.c_str());
  };
  server_->Get(".*", handler);
  server_->Post(".*", handler);
  server_->Put(".*", handler);
  server_->Delete(".*", handler);
  server_->Patch(".*", handler);
  if (options_.port == 0) {
    port_ = server_->bind_to_any_port(options_.address);
  } else {
    port_ = server_->bind_to_port(options_.address, options_.port) ? options_.port : -1;
  }
  if (port_ <= 0) {
    server_.reset();
    return Unavailable("API server: cannot listen on " + options_.address + ":" +
                       std::to_string(options_.port));
  }
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  return Status::Ok();
}

void ApiServer::Stop() {
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
}

}  // namespace kops::instance
