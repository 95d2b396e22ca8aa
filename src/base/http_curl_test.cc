// Tests the libcurl HttpClient against a cpp-httplib server on loopback.
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "base/fake_http.h"
#include "base/http.h"
#include "gtest/gtest.h"

namespace kops {
namespace {

// Runs a server on 127.0.0.1 at a free port until destroyed.
class ServerRunner {
 public:
  explicit ServerRunner(httplib::Server& server) : server_(server) {
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~ServerRunner() {
    // stop() before listen_after_bind() has started would leave it running forever.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!server_.is_running() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::yield();
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }
  std::string url(const std::string& path, const std::string& scheme = "http") const {
    return scheme + "://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  httplib::Server& server_;
  int port_ = 0;
  std::thread thread_;
};

// Echoes method, path, body and selected headers so the test can see what was sent.
void InstallEcho(httplib::Server& server) {
  auto echo = [](const httplib::Request& req, httplib::Response& res) {
    std::string out = req.method + " " + req.path + "\n";
    out += "x-test=" + req.get_header_value("X-Test") + "\n";
    out += "content-type=" + req.get_header_value("Content-Type") + "\n";
    out += "remote=" + req.remote_addr + "\n";
    out += "body=" + req.body;
    res.set_header("X-Reply", "Yes");
    res.set_header("ETag", "\"abc\"");
    res.set_content(out, "text/plain");
  };
  server.Get("/status/418", [](const httplib::Request&, httplib::Response& res) {
    res.status = 418;
    res.set_content("teapot", "text/plain");
  });
  server.Get("/.*", echo);
  server.Post("/.*", echo);
  server.Put("/.*", echo);
  server.Delete("/.*", echo);
}

TEST(CurlHttpClient, GetReturnsStatusBodyAndLowerCasedHeaders) {
  httplib::Server server;
  InstallEcho(server);
  ServerRunner run(server);
  auto client = NewCurlHttpClient();
  HttpRequest req;
  req.url = run.url("/hello?x=1");
  req.headers = {{"X-Test", "42"}};
  auto res = client->Do(req);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("GET /hello\n"), std::string::npos) << res->body;
  EXPECT_NE(res->body.find("x-test=42\n"), std::string::npos);
  EXPECT_EQ(res->Header("x-reply"), "Yes");
  EXPECT_EQ(res->Header("etag"), "\"abc\"");
}

TEST(CurlHttpClient, NonSuccessStatusIsAResponseNotAnError) {
  httplib::Server server;
  InstallEcho(server);
  ServerRunner run(server);
  HttpRequest req;
  req.url = run.url("/status/418");
  auto res = NewCurlHttpClient()->Do(req);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  EXPECT_EQ(res->status, 418);
  EXPECT_EQ(res->body, "teapot");
}

TEST(CurlHttpClient, PostSendsBodyWithoutAddingAContentType) {
  httplib::Server server;
  InstallEcho(server);
  ServerRunner run(server);
  HttpRequest req;
  req.method = "POST";
  req.url = run.url("/p");
  req.body = "a=1&b=2";
  auto res = NewCurlHttpClient()->Do(req);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  EXPECT_NE(res->body.find("POST /p\n"), std::string::npos) << res->body;
  EXPECT_NE(res->body.find("content-type=\n"), std::string::npos) << res->body;
  EXPECT_NE(res->body.find("body=a=1&b=2"), std::string::npos) << res->body;
}

TEST(CurlHttpClient, PutWithContentTypeAndAnEmptyHeader) {
  httplib::Server server;
  InstallEcho(server);
  ServerRunner run(server);
  HttpRequest req;
  req.method = "PUT";
  req.url = run.url("/obj");
  req.body = "data";
  req.headers = {{"Content-Type", "application/octet-stream"}, {"X-Empty", ""}};
  auto res = NewCurlHttpClient()->Do(req);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  EXPECT_NE(res->body.find("PUT /obj\n"), std::string::npos) << res->body;
  EXPECT_NE(res->body.find("content-type=application/octet-stream\n"), std::string::npos);
  EXPECT_NE(res->body.find("body=data"), std::string::npos);
}

TEST(CurlHttpClient, PutWithEmptyBodyAndDelete) {
  httplib::Server server;
  InstallEcho(server);
  ServerRunner run(server);
  auto client = NewCurlHttpClient();
  HttpRequest put;
  put.method = "PUT";
  put.url = run.url("/empty");
  auto r1 = client->Do(put);
  ASSERT_TRUE(r1.ok()) << r1.status().ToString();
  EXPECT_NE(r1->body.find("PUT /empty\n"), std::string::npos) << r1->body;
  HttpRequest del;
  del.method = "DELETE";
  del.url = run.url("/gone");
  auto r2 = client->Do(del);
  ASSERT_TRUE(r2.ok()) << r2.status().ToString();
  EXPECT_NE(r2->body.find("DELETE /gone\n"), std::string::npos) << r2->body;
}

TEST(CurlHttpClient, HeadReturnsHeadersWithoutBody) {
  httplib::Server server;
  InstallEcho(server);
  ServerRunner run(server);
  HttpRequest req;
  req.method = "HEAD";
  req.url = run.url("/h");
  auto res = NewCurlHttpClient()->Do(req);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "");
  EXPECT_EQ(res->Header("x-reply"), "Yes");
}

TEST(CurlHttpClient, BindsToLocalAddress) {
  httplib::Server server;
  InstallEcho(server);
  ServerRunner run(server);
  HttpRequest req;
  req.url = run.url("/who");
  req.local_address = "127.0.0.2";
  auto res = NewCurlHttpClient()->Do(req);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  EXPECT_NE(res->body.find("remote=127.0.0.2\n"), std::string::npos) << res->body;
}

TEST(CurlHttpClient, RefusedConnectionIsUnavailable) {
  // Bind a socket to a free port and close it without listening: connecting is refused.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  socklen_t len = sizeof(addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  ::close(fd);
  HttpRequest req;
  req.url = "http://127.0.0.1:" + std::to_string(port) + "/";
  auto res = NewCurlHttpClient()->Do(req);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.status().code(), Code::kUnavailable) << res.status().ToString();
  EXPECT_NE(res.status().message().find(req.url), std::string::npos);
}

// The client port of each request, as the server saw it: one port = one connection.
std::vector<int> ClientPorts(HttpClient& client, const ServerRunner& run, int requests) {
  std::vector<int> ports;
  for (int i = 0; i < requests; ++i) {
    HttpRequest req;
    req.method = i % 2 ? "POST" : "GET";
    req.body = i % 2 ? "x" : "";
    req.url = run.url("/port");
    Result<HttpResponse> res = client.Do(req);
    EXPECT_TRUE(res.ok() && res->status == 200) << (res.ok() ? res->body : res.status().ToString());
    ports.push_back(res.ok() ? std::atoi(res->body.c_str()) : -1);
  }
  return ports;
}

void InstallPortEcho(httplib::Server& server) {
  auto port = [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(std::to_string(req.remote_port), "text/plain");
  };
  server.Get("/port", port);
  server.Post("/port", port);
}

TEST(KeepAliveCurlHttpClient, ReusesOneConnectionWhileTheServerKeepsIt) {
  httplib::Server server;
  InstallPortEcho(server);
  server.set_keep_alive_max_count(3);  // the server closes each connection after 3 requests
  ServerRunner run(server);
  auto client = NewKeepAliveCurlHttpClient();
  std::vector<int> p = ClientPorts(*client, run, 6);
  EXPECT_EQ(p[0], p[1]);
  EXPECT_EQ(p[1], p[2]);
  EXPECT_NE(p[2], p[3]);  // closed by the server: connected anew, the call still succeeds
  EXPECT_EQ(p[3], p[4]);
  EXPECT_EQ(p[4], p[5]);
  // The plain client connects for every call.
  std::vector<int> q = ClientPorts(*NewCurlHttpClient(), run, 2);
  EXPECT_NE(q[0], q[1]);
}

TEST(KeepAliveCurlHttpClient, TransportFailureDropsTheConnection) {
  httplib::Server server;
  InstallPortEcho(server);
  ServerRunner run(server);
  auto client = NewKeepAliveCurlHttpClient();
  int before = ClientPorts(*client, run, 1)[0];
  HttpRequest bad;
  bad.url = "http://127.0.0.1:1/";  // port 1: refused
  Result<HttpResponse> res = client->Do(bad);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.status().code(), Code::kUnavailable) << res.status().ToString();
  std::vector<int> after = ClientPorts(*client, run, 2);
  EXPECT_NE(after[0], before);
  EXPECT_EQ(after[0], after[1]);
}

TEST(CurlHttpClient, MalformedUrlIsInvalidArgument) {
  HttpRequest req;
  req.url = "gopher+nope://x";
  auto res = NewCurlHttpClient()->Do(req);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.status().code(), Code::kInvalidArgument) << res.status().ToString();
}

TEST(CurlHttpClient, SlowServerIsDeadlineExceeded) {
  std::mutex mu;
  std::condition_variable cv;
  bool release = false;
  httplib::Server server;
  server.Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return release; });  // held until the client has given up
    res.set_content("late", "text/plain");
  });
  ServerRunner run(server);
  HttpRequest req;
  req.url = run.url("/slow");
  req.timeout = std::chrono::milliseconds(150);
  auto res = NewCurlHttpClient()->Do(req);
  {
    std::lock_guard<std::mutex> lock(mu);
    release = true;
  }
  cv.notify_all();
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.status().code(), Code::kDeadlineExceeded) << res.status().ToString();
}

// Writes a CA, a server certificate for 127.0.0.1 and a client certificate with the
// openssl command line into dir; false when openssl is not installed.
bool MakeCertificates(const std::filesystem::path& dir) {
  std::ofstream(dir / "server.ext") << "subjectAltName=IP:127.0.0.1\n";
  std::ofstream(dir / "client.ext") << "extendedKeyUsage=clientAuth\n";
  std::string d = dir.string();
  std::string ec = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
  std::string script = "cd '" + d + "' && openssl req -x509" + ec +
                       " -keyout ca.key -out ca.crt -subj /CN=test-ca -days 1 && "
                       "openssl req" +
                       ec +
                       " -keyout server.key -out server.csr -subj /CN=127.0.0.1 && "
                       "openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial "
                       "-out server.crt -days 1 -extfile server.ext && "
                       "openssl req" +
                       ec +
                       " -keyout client.key -out client.csr -subj /CN=client && "
                       "openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial "
                       "-out client.crt -days 1 -extfile client.ext";
  return std::system(("(" + script + ") >/dev/null 2>&1").c_str()) == 0;
}

std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(CurlHttpClient, MutualTlsFromPemInMemory) {
  auto dir =
      std::filesystem::temp_directory_path() / ("kops-http-tls-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  if (!MakeCertificates(dir)) GTEST_SKIP() << "openssl command line not available";
  auto p = [&](const char* f) { return (dir / f).string(); };
  httplib::SSLServer server(p("server.crt").c_str(), p("server.key").c_str(), p("ca.crt").c_str());
  ASSERT_TRUE(server.is_valid());
  server.Get("/tls", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("secure", "text/plain");
  });
  ServerRunner run(server);
  auto client = NewCurlHttpClient();

  HttpRequest req;
  req.url = run.url("/tls", "https");
  req.tls.ca_pem = ReadAll(dir / "ca.crt");
  req.tls.cert_pem = ReadAll(dir / "client.crt");
  req.tls.key_pem = ReadAll(dir / "client.key");
  auto ok = client->Do(req);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->body, "secure");

  HttpRequest no_client_cert = req;
  no_client_cert.tls.cert_pem.clear();
  no_client_cert.tls.key_pem.clear();
  auto refused = client->Do(no_client_cert);
  EXPECT_FALSE(refused.ok() && refused->status == 200);

  HttpRequest unknown_ca = req;
  unknown_ca.tls.ca_pem = ReadAll(dir / "client.crt");  // not the issuing CA
  auto untrusted = client->Do(unknown_ca);
  ASSERT_FALSE(untrusted.ok());
  EXPECT_EQ(untrusted.status().code(), Code::kUnavailable);
  std::filesystem::remove_all(dir);
}

TEST(FakeHttpClient, RecordsRequestsAndAnswersFromHandler) {
  FakeHttpClient fake([](const HttpRequest& r) -> Result<HttpResponse> {
    if (r.url == "http://x/down") return Unavailable("down");
    return FakeHttpClient::Respond(201, "made " + r.body, {{"etag", "\"1\""}});
  });
  HttpRequest req;
  req.method = "PUT";
  req.url = "http://x/a";
  req.body = "b";
  req.headers = {{"If-Match", "\"0\""}};
  auto res = fake.Do(req);
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res->status, 201);
  EXPECT_EQ(res->body, "made b");
  EXPECT_EQ(res->Header("etag"), "\"1\"");
  req.url = "http://x/down";
  EXPECT_EQ(fake.Do(req).status().code(), Code::kUnavailable);
  ASSERT_EQ(fake.request_count(), 2u);
  EXPECT_EQ(FakeHttpClient::RequestHeader(fake.requests()[0], "if-match"), "\"0\"");
}

}  // namespace
}  // namespace kops
