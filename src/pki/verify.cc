#include "pki/verify.h"

#include <openssl/err.h>

#include "pki/openssl_util.h"

namespace kops::pki {

Status VerifyIssuedBy(const Certificate& cert, const Certificate& ca,
                      std::optional<std::chrono::system_clock::time_point> at) {
  X509StorePtr store(X509_STORE_new());
  X509StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!store || !ctx || X509_STORE_add_cert(store.get(), ca.get()) != 1 ||
      X509_STORE_CTX_init(ctx.get(), store.get(), cert.get(), nullptr) != 1)
    return OpenSslError("preparing certificate verification");
  if (at) {
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
    X509_VERIFY_PARAM_set_time(param, std::chrono::system_clock::to_time_t(*at));
  }
  int ok = X509_verify_cert(ctx.get());
  ERR_clear_error();
  if (ok == 1) return Status::Ok();
  int err = X509_STORE_CTX_get_error(ctx.get());
  return FailedPrecondition("certificate \"" + SubjectToString(cert.subject()) +
                            "\" does not verify against CA \"" + SubjectToString(ca.subject()) +
                            "\": " + X509_verify_cert_error_string(err));
}

}  // namespace kops::pki
