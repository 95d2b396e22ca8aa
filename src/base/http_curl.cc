// The libcurl HttpClients: one easy handle per call (a client may be shared by threads),
// or one handle kept for every call so its connection is reused (keep-alive).
// Transport errors map to Status codes as base/http.h promises: timeouts are
// kDeadlineExceeded, malformed URLs kInvalidArgument, every other failure kUnavailable.
#include <curl/curl.h>

#include <mutex>
#include <string>

#include "base/http.h"
#include "base/strings.h"

namespace kops {
namespace {

void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
  HttpResponse response;
};

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  static_cast<Transfer*>(user)->response.body.append(data, size * n);
  return size * n;
}

// Header lines arrive one at a time; a status line ("HTTP/...") starts a new response
// (e.g. after "100 Continue"), so it drops headers seen before it.
size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size * n);
  if (StartsWith(line, "HTTP/")) {
    t->response.headers.clear();
    return size * n;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return size * n;
  t->response.headers.emplace_back(ToLower(Trim(line.substr(0, colon))),
                                   Trim(line.substr(colon + 1)));
  return size * n;
}

// Owns the header list of one call; the easy handle is the caller's.
class Easy {
 public:
  explicit Easy(CURL* curl) : curl_(curl) {}
  ~Easy() {
    if (headers_) curl_slist_free_all(headers_);
  }
  Easy(const Easy&) = delete;
  Easy& operator=(const Easy&) = delete;

  CURL* get() const { return curl_; }
  void AddHeader(const std::string& line) { headers_ = curl_slist_append(headers_, line.c_str()); }
  curl_slist* headers() const { return headers_; }

 private:
  CURL* curl_;
  curl_slist* headers_ = nullptr;
};

void SetBlob(CURL* curl, CURLoption opt, const std::string& pem) {
  curl_blob blob{};
  blob.data = const_cast<char*>(pem.data());
  blob.len = pem.size();
  blob.flags = CURL_BLOB_COPY;
  curl_easy_setopt(curl, opt, &blob);
}

void ApplyTls(CURL* curl, const TlsConfig& tls) {
  if (!tls.ca_pem.empty()) SetBlob(curl, CURLOPT_CAINFO_BLOB, tls.ca_pem);
  if (!tls.cert_pem.empty()) {
    curl_easy_setopt(curl, CURLOPT_SSLCERTTYPE, "PEM");
    SetBlob(curl, CURLOPT_SSLCERT_BLOB, tls.cert_pem);
  }
  if (!tls.key_pem.empty()) {
    curl_easy_setopt(curl, CURLOPT_SSLKEYTYPE, "PEM");
    SetBlob(curl, CURLOPT_SSLKEY_BLOB, tls.key_pem);
  }
  if (tls.insecure_skip_verify) {
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  }
}

bool HasHeader(const HttpRequest& r, std::string_view lower_name) {
  for (const auto& [k, v] : r.headers)
    if (ToLower(k) == lower_name) return true;
  return false;
}

void ApplyMethodAndBody(Easy& easy, const HttpRequest& r) {
  CURL* curl = easy.get();
  if (r.method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    return;
  }
  bool sends_body =
      !r.body.empty() || r.method == "POST" || r.method == "PUT" || r.method == "PATCH";
  if (sends_body) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, r.body.data());
    // curl would otherwise add a form Content-Type and an Expect: 100-continue round trip.
    if (!HasHeader(r, "content-type")) easy.AddHeader("Content-Type:");
    easy.AddHeader("Expect:");
  }
  if (r.method != "GET" && r.method != "POST")
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, r.method.c_str());
}

Status TransportError(CURLcode rc, const HttpRequest& r, const char* detail) {
  std::string what = r.method + " " + r.url + ": " + curl_easy_strerror(rc);
  if (detail[0] != '\0') what += " (" + std::string(detail) + ")";
  switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
      return DeadlineExceeded(what + " after " + std::to_string(r.timeout.count()) + "ms");
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return InvalidArgument(what + "; expected an http:// or https:// URL");
    default:
      return Unavailable(what);
  }
}

// One call on `curl` (a new or reset handle).
Result<HttpResponse> Perform(CURL* curl, const HttpRequest& r) {
  Easy easy(curl);
  Transfer t;
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, r.url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(r.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(r.timeout.count()));
  std::string interface;
  if (!r.local_address.empty()) {
    interface = "host!" + r.local_address;
    curl_easy_setopt(curl, CURLOPT_INTERFACE, interface.c_str());
  }
  ApplyTls(curl, r.tls);
  ApplyMethodAndBody(easy, r);
  for (const auto& [k, v] : r.headers) {
    // "Name;" sends a header with an empty value; "Name:" would remove it.
    easy.AddHeader(v.empty() ? k + ";" : k + ": " + v);
  }
  if (easy.headers()) curl_easy_setopt(curl, CURLOPT_HTTPHEADER, easy.headers());

  CURLcode rc = curl_easy_perform(curl);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);  // `error` goes out of scope
  if (rc != CURLE_OK) return TransportError(rc, r, error);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  t.response.status = static_cast<int>(status);
  return std::move(t.response);
}

class CurlHttpClient : public HttpClient {
 public:
  Result<HttpResponse> Do(const HttpRequest& r) override {
    GlobalInitOnce();
    CURL* curl = curl_easy_init();
    if (!curl) return Internal("curl_easy_init failed");
    Result<HttpResponse> out = Perform(curl, r);
    curl_easy_cleanup(curl);
    return out;
  }
};

// One handle for every call, so its connection (and TLS session) is reused while the
// server keeps it open; curl connects anew when the server has closed it. After a
// transport failure the handle, and with it the connection, is dropped.
class KeepAliveCurlHttpClient : public HttpClient {
 public:
  ~KeepAliveCurlHttpClient() override {
    if (curl_) curl_easy_cleanup(curl_);
  }
  Result<HttpResponse> Do(const HttpRequest& r) override {
    GlobalInitOnce();
    std::lock_guard<std::mutex> lock(mu_);
    if (curl_) {
      curl_easy_reset(curl_);  // options only: the connection and TLS session stay
    } else {
      curl_ = curl_easy_init();
      if (!curl_) return Internal("curl_easy_init failed");
    }
    Result<HttpResponse> out = Perform(curl_, r);
    if (!out.ok()) {
      curl_easy_cleanup(curl_);
      curl_ = nullptr;
    }
    return out;
  }

 private:
  std::mutex mu_;
  CURL* curl_ = nullptr;
};

}  // namespace

std::unique_ptr<HttpClient> NewCurlHttpClient() { return std::make_unique<CurlHttpClient>(); }

std::unique_ptr<HttpClient> NewKeepAliveCurlHttpClient() {
  return std::make_unique<KeepAliveCurlHttpClient>();
}

}  // namespace kops
