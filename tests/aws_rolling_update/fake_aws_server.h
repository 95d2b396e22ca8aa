// FakeAwsServer: a FakeAwsCloud (src/awsapi/fake_aws_cloud.h) served over plain HTTP on a
// free loopback port, so the kops binary reaches it through AWS_ENDPOINT_URL=Url(). Each
// request becomes the fake's HttpRequest (url FakeAwsCloud::kEndpoint + the request
// target, its headers and body; the fake picks the service from the SigV4 scope). A
// background thread advances the fake world (Step) every `step_period` until the server is
// destroyed. The regions of the SigV4 scopes seen are recorded. Header-only test helper.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "awsapi/fake_aws_cloud.h"
#include "httplib_bridge.h"

namespace kops::testing {

class FakeAwsServer {
 public:
  explicit FakeAwsServer(awsapi::FakeAwsCloud& aws,
                         std::chrono::milliseconds step_period = std::chrono::milliseconds(100))
      : aws_(aws) {
    auto handler = [this](const httplib::Request& req, httplib::Response& res) { Serve(req, res); };
    server_.Get(".*", handler);
    server_.Post(".*", handler);
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) return;
    listener_ = std::thread([this] { server_.listen_after_bind(); });
    stepper_ = std::thread([this, step_period] {
      std::unique_lock<std::mutex> lock(stop_mu_);
      while (!stop_cv_.wait_for(lock, step_period, [this] { return stopping_; })) aws_.Step();
    });
  }
  FakeAwsServer(const FakeAwsServer&) = delete;
  FakeAwsServer& operator=(const FakeAwsServer&) = delete;
  ~FakeAwsServer() {
    {
      std::lock_guard<std::mutex> lock(stop_mu_);
      stopping_ = true;
    }
    stop_cv_.notify_all();
    if (stepper_.joinable()) stepper_.join();
    server_.stop();
    if (listener_.joinable()) listener_.join();
  }

  bool ok() const { return port_ > 0; }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // The regions named by the requests' SigV4 credential scopes.
  std::set<std::string> SigningRegions() const {
    std::lock_guard<std::mutex> lock(regions_mu_);
    return regions_;
  }

 private:
  // "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-test-1/ec2/aws4_request, ..." -> "us-test-1"
  static std::string ScopeRegion(const std::string& authorization) {
    size_t at = authorization.find("Credential=");
    if (at == std::string::npos) return "";
    std::string scope = authorization.substr(at + 11, authorization.find(',', at) - at - 11);
    size_t first = scope.find('/'), second = scope.find('/', first + 1),
           third = scope.find('/', second + 1);
    if (first == std::string::npos || second == std::string::npos || third == std::string::npos)
      return "";
    return scope.substr(second + 1, third - second - 1);
  }

  void Serve(const httplib::Request& req, httplib::Response& res) {
    {
      std::lock_guard<std::mutex> lock(regions_mu_);
      regions_.insert(ScopeRegion(req.get_header_value("Authorization")));
    }
    RespondWith(aws_.http().Do(FakeRequestOf(req, awsapi::FakeAwsCloud::kEndpoint)), res, "text/xml");
  }


  awsapi::FakeAwsCloud& aws_;
  httplib::Server server_;
  int port_ = -1;
  std::thread listener_, stepper_;
  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  mutable std::mutex regions_mu_;
  std::set<std::string> regions_;
};

}  // namespace kops::testing
