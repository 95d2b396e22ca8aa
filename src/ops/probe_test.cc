#include "ops/probe.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "base/fake_clock.h"
#include "base/fake_http.h"

namespace kops::ops {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

TEST(ProbeAccounting, CountsGapsAndLostAcknowledgedWritesOnly) {
  Clock::TimePoint t0{};
  ProbeAccounting acc(t0);
  acc.WriteAcknowledged("w1", "v1", t0 + 10ms);
  acc.WriteFailed("w2: refused");
  acc.WriteFailed("w3: timeout");
  acc.WriteAcknowledged("w4", "v4", t0 + 900ms);
  acc.WriteAcknowledged("w5", "v5", t0 + 950ms);
  acc.Read(true);
  acc.Read(false);
  // w2 was committed although reported failed: not lost, not counted. w5 is missing.
  ProbeReport r = acc.Finish(t0 + 1000ms, true, {{"w1", "v1"}, {"w2", "v2"}, {"w4", "v4"}});
  EXPECT_EQ(r.acknowledged, 3);
  EXPECT_EQ(r.failed, 2);
  EXPECT_EQ(r.longest_gap_ms, 890);
  EXPECT_EQ(r.lost, 1);
  EXPECT_EQ(r.lost_names, std::vector<std::string>{"w5"});
  EXPECT_EQ(r.reads_ok, 1);
  EXPECT_EQ(r.reads_failed, 1);
  EXPECT_EQ(r.first_error, "w2: refused");
  EXPECT_EQ(r.duration_ms, 1000);
  json j = r.ToJson();
  EXPECT_EQ(j["acknowledged"], 3);
  EXPECT_EQ(j["failed"], 2);
  EXPECT_EQ(j["longest_gap_ms"], 890);
  EXPECT_EQ(j["lost"], 1);
}

TEST(ProbeAccounting, WrongValueIsLostAndUnverifiedIsMinusOne) {
  Clock::TimePoint t0{};
  ProbeAccounting acc(t0);
  acc.WriteAcknowledged("w1", "v1", t0 + 10ms);
  EXPECT_EQ(acc.Finish(t0 + 20ms, true, {{"w1", "other"}}).lost, 1);
  ProbeReport r = acc.Finish(t0 + 20ms, false, {}, "list failed");
  EXPECT_EQ(r.lost, -1);
  EXPECT_FALSE(r.verified);
  EXPECT_EQ(r.verify_error, "list failed");
}

TEST(ProbeAccounting, NoSuccessAtAllIsOneLongGap) {
  Clock::TimePoint t0{};
  ProbeAccounting acc(t0);
  acc.WriteFailed("x");
  EXPECT_EQ(acc.Finish(t0 + 5s, true, {}).longest_gap_ms, 5000);
}

// An API stand-in: configmaps in a map; POSTs fail while `down` says so; `drop` names
// a write that is acknowledged but never stored.
struct FakeApi {
  FakeClock& clock;
  std::function<bool(Clock::Duration)> down = [](Clock::Duration) { return false; };
  std::string drop;
  std::map<std::string, std::string> objects;
  Clock::TimePoint start;
  int deletes = 0;

  Result<HttpResponse> Handle(const HttpRequest& r) {
    const std::string base = "https://lb:443/api/v1/namespaces/default/configmaps";
    if (r.method == "POST" && r.url == base) {
      if (down(clock.Now() - start)) return Unavailable("connection refused");
      json cm = json::parse(r.body);
      std::string name = cm["metadata"]["name"];
      if (name != drop) objects[name] = cm["data"]["value"];
      return FakeHttpClient::Respond(201, cm.dump());
    }
    if (r.method == "GET" && r.url == base) {
      json items = json::array();
      for (const auto& [n, v] : objects) items.push_back({{"metadata", {{"name", n}}}, {"data", {{"value", v}}}});
      return FakeHttpClient::Respond(200, json{{"items", items}}.dump());
    }
    std::string name = r.url.substr(base.size() + 1);
    if (r.method == "GET") {
      if (!objects.count(name)) return FakeHttpClient::Respond(404, "{}");
      return FakeHttpClient::Respond(200, json{{"data", {{"value", objects[name]}}}}.dump());
    }
    if (r.method == "DELETE") {
      ++deletes;
      objects.erase(name);
      return FakeHttpClient::Respond(200, "{}");
    }
    return FakeHttpClient::Respond(405, "{}");
  }
};

TEST(RunProbe, HealthyRunAtRateWithCleanup) {
  FakeClock clock;
  FakeApi api{clock};
  api.start = clock.Now();
  FakeHttpClient http([&](const HttpRequest& r) { return api.Handle(r); });
  ApiClient client(http, "https://lb:443", {});
  std::ostringstream progress;
  ProbeOptions o{.duration = 2s, .rate = 50, .prefix = "p-", .progress_every = 1s};
  ProbeReport r = RunProbe(client, clock, o, &progress);
  EXPECT_EQ(r.acknowledged, 100);
  EXPECT_EQ(r.failed, 0);
  EXPECT_EQ(r.lost, 0);
  EXPECT_TRUE(r.verified);
  EXPECT_EQ(r.longest_gap_ms, 20);
  EXPECT_EQ(r.reads_ok, 99);
  EXPECT_EQ(r.duration_ms, 2000);
  EXPECT_EQ(r.endpoint, "https://lb:443");
  EXPECT_TRUE(api.objects.empty());
  EXPECT_EQ(api.deletes, 100);
  EXPECT_NE(progress.str().find("probe: 1s, 51 acknowledged, 0 failed\n"), std::string::npos) << progress.str();
}

TEST(RunProbe, OutageMakesFailuresAndAGapAndDroppedWriteIsLost) {
  FakeClock clock;
  FakeApi api{clock};
  api.start = clock.Now();
  api.down = [](Clock::Duration t) { return t >= 200ms && t < 500ms; };
  api.drop = "p-30";
  FakeHttpClient http([&](const HttpRequest& r) { return api.Handle(r); });
  ApiClient client(http, "https://lb:443", {});
  ProbeReport r = RunProbe(client, clock, {.duration = 1s, .rate = 50, .prefix = "p-"}, nullptr);
  EXPECT_EQ(r.acknowledged, 35);
  EXPECT_EQ(r.failed, 15);
  EXPECT_EQ(r.longest_gap_ms, 320);  // last success at 180 ms, next at 500 ms
  EXPECT_EQ(r.lost, 1);
  EXPECT_EQ(r.lost_names, std::vector<std::string>{"p-30"});
  EXPECT_EQ(r.reads_failed, 1);  // the read after p-30 found nothing
  EXPECT_NE(r.first_error.find("p-11: connection refused"), std::string::npos) << r.first_error;
}

TEST(RunProbe, VerifyRetriesThenGivesUp) {
  FakeClock clock;
  FakeHttpClient http([&](const HttpRequest& r) -> Result<HttpResponse> {
    if (r.method == "POST") return FakeHttpClient::Respond(201, "{}");
    return Unavailable("refused");
  });
  ApiClient client(http, "https://lb:443", {});
  auto t0 = clock.Now();
  ProbeReport r = RunProbe(client, clock, {.duration = 1s, .rate = 10, .prefix = "p-", .verify_timeout = 3s}, nullptr);
  EXPECT_EQ(r.acknowledged, 10);
  EXPECT_EQ(r.lost, -1);
  EXPECT_FALSE(r.verified);
  EXPECT_NE(r.verify_error.find("refused"), std::string::npos);
  EXPECT_LE(clock.Now() - t0, 5s);  // bounded: 1 s of writes + 3 s of verify (+ cleanup, time-free here)
}

}  // namespace
}  // namespace kops::ops
