#include "ops/probe.h"

#include <gtest/gtest.h>

#include <deque>
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

TEST(ProbeAccounting, LateReportedSuccessDoesNotMoveTheLastSuccessBack) {
  Clock::TimePoint t0{};
  ProbeAccounting acc(t0);
  acc.WriteAcknowledged("w2", "v2", t0 + 300ms);
  acc.WriteAcknowledged("w1", "v1", t0 + 100ms);  // completed earlier, reported later
  acc.WriteFailed("w3: refused");
  ProbeReport r = acc.Finish(t0 + 1000ms, true, {{"w1", "v1"}, {"w2", "v2"}});
  EXPECT_EQ(r.longest_gap_ms, 700);  // from 300 ms to the end, not from 100 ms
  EXPECT_EQ(r.acknowledged, 2);
  EXPECT_DOUBLE_EQ(r.achieved_rate, 3.0);  // 3 writes issued in 1 s
  EXPECT_EQ(r.ToJson()["achieved_rate"], 3.0);
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
  EXPECT_DOUBLE_EQ(r.achieved_rate, 50.0);
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

// A pool of `capacity` workers whose steps finish only when the pool is full (the oldest
// then completes after `wait`, the time Submit spends waiting for a free worker) or at
// Drain: deterministic stand-in for slow calls in flight on several workers.
struct DeferringWorkers : ProbeWorkers {
  FakeClock& clock;
  ApiClient& api;
  size_t capacity;
  Clock::Duration wait;
  std::deque<ProbeStep> in_flight;
  size_t submitted = 0;
  size_t most_in_flight = 0;

  DeferringWorkers(FakeClock& c, ApiClient& a, size_t cap, Clock::Duration w)
      : clock(c), api(a), capacity(cap), wait(w) {}
  void Submit(ProbeStep step) override {
    ++submitted;
    if (in_flight.size() == capacity) {
      clock.Advance(wait);
      in_flight.front()(api);
      in_flight.pop_front();
    }
    in_flight.push_back(std::move(step));
    most_in_flight = std::max(most_in_flight, in_flight.size());
  }
  void Drain() override {
    for (; !in_flight.empty(); in_flight.pop_front()) in_flight.front()(api);
  }
  int size() const override { return static_cast<int>(capacity); }
};

TEST(RunProbe, WritesInFlightOnWorkersKeepTheScheduleAndNeverBurst) {
  FakeClock clock;
  FakeApi api{clock};
  api.start = clock.Now();
  FakeHttpClient http([&](const HttpRequest& r) { return api.Handle(r); });
  ApiClient client(http, "https://lb:443", {});
  // 4 workers free: every tick of 50/s over 1 s is written, at most 4 in flight.
  DeferringWorkers roomy(clock, client, 4, 0ms);
  ProbeReport r = RunProbe(client, roomy, clock, {.duration = 1s, .rate = 50, .prefix = "a-"}, nullptr);
  EXPECT_EQ(roomy.submitted, 50u);
  EXPECT_EQ(roomy.most_in_flight, 4u);
  EXPECT_EQ(r.acknowledged, 50);
  EXPECT_EQ(r.lost, 0);
  EXPECT_EQ(r.reads_ok, 49);
  EXPECT_DOUBLE_EQ(r.achieved_rate, 50.0);

  // 2 workers, each free only 100 ms after the pool fills: writes at 0 and 20 ms, then one
  // per 100 ms (40, 140, ..., 940 ms); the missed ticks are skipped, not sent in a burst.
  FakeClock clock2;
  FakeApi api2{clock2};
  api2.start = clock2.Now();
  FakeHttpClient http2([&](const HttpRequest& r) { return api2.Handle(r); });
  ApiClient client2(http2, "https://lb:443", {});
  DeferringWorkers busy(clock2, client2, 2, 100ms);
  ProbeReport slow = RunProbe(client2, busy, clock2, {.duration = 1s, .rate = 50, .prefix = "b-"}, nullptr);
  EXPECT_EQ(busy.submitted, 12u);
  EXPECT_EQ(slow.acknowledged, 12);
  EXPECT_EQ(slow.failed, 0);
  EXPECT_EQ(slow.lost, 0);
  EXPECT_EQ(slow.duration_ms, 1040);  // the last write completes at Drain, 1040 ms
  EXPECT_DOUBLE_EQ(slow.achieved_rate, 11.5);
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
