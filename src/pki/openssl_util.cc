#include "pki/openssl_util.h"

#include <openssl/err.h>

namespace kops::pki {

Status OpenSslError(Code code, std::string_view what) {
  std::string reasons;
  while (unsigned long err = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(err, buf, sizeof(buf));
    if (!reasons.empty()) reasons += "; ";
    reasons += buf;
  }
  std::string message(what);
  if (!reasons.empty()) message += " (openssl: " + reasons + ")";
  return Status(code, message);
}

Status OpenSslError(std::string_view what) { return OpenSslError(Code::kInternal, what); }

BioPtr MemoryBio(std::string_view data) {
  return BioPtr(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
}

std::string BioContents(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  return len > 0 ? std::string(data, static_cast<size_t>(len)) : std::string();
}

}  // namespace kops::pki
