#include "ops/probe_workers.h"

#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <map>
#include <mutex>

#include "base/fake_http.h"

namespace kops::ops {
namespace {

using namespace std::chrono_literals;

TEST(ProbeWorkerCount, RateTimesLatencyBetween1And16) {
  EXPECT_EQ(ProbeWorkerCount(50, 200ms), 10);
  EXPECT_EQ(ProbeWorkerCount(1, 200ms), 1);
  EXPECT_EQ(ProbeWorkerCount(12, 200ms), 3);  // 2.4 rounded up
  EXPECT_EQ(ProbeWorkerCount(1000, 200ms), 16);
}

TEST(ThreadProbeWorkers, RunsStepsConcurrentlyOnEachWorkersOwnClientAndDrains) {
  FakeHttpClient http([](const HttpRequest&) { return FakeHttpClient::Respond(200, "{}"); });
  std::vector<std::unique_ptr<ApiClient>> apis;
  std::vector<ApiClient*> ptrs;
  for (int i = 0; i < 3; ++i) {
    apis.push_back(std::make_unique<ApiClient>(http, "https://lb:" + std::to_string(i), TlsConfig{}));
    ptrs.push_back(apis.back().get());
  }
  std::mutex mu;
  std::map<std::string, int> by_worker;
  std::atomic<int> running = 0, most = 0, done = 0;
  {
    ThreadProbeWorkers workers(ptrs);
    EXPECT_EQ(workers.size(), 3);
    // The first 3 steps meet at a latch: they only finish if all 3 run at once.
    std::latch all_three(3);
    for (int i = 0; i < 3; ++i) {
      workers.Submit([&](ApiClient& api) {
        int now = ++running;
        for (int m = most; now > m && !most.compare_exchange_weak(m, now);) {
        }
        all_three.arrive_and_wait();
        {
          std::lock_guard lock(mu);
          ++by_worker[api.endpoint()];
        }
        --running;
        ++done;
      });
    }
    workers.Drain();
    EXPECT_EQ(done, 3);
    EXPECT_EQ(by_worker.size(), 3u);  // each on its own worker's client
    for (int i = 0; i < 200; ++i) {
      workers.Submit([&](ApiClient&) {
        int now = ++running;
        for (int m = most; now > m && !most.compare_exchange_weak(m, now);) {
        }
        --running;
        ++done;
      });
    }
    workers.Drain();
    EXPECT_EQ(done, 203);
  }
  EXPECT_EQ(most, 3);  // never more in flight than workers
}

}  // namespace
}  // namespace kops::ops
