#include "ops/probe_workers.h"

#include <algorithm>
#include <cmath>

namespace kops::ops {

ThreadProbeWorkers::ThreadProbeWorkers(std::vector<ApiClient*> apis) {
  threads_.reserve(apis.size());
  for (ApiClient* api : apis) threads_.emplace_back([this, api] { Loop(*api); });
}

ThreadProbeWorkers::~ThreadProbeWorkers() {
  Drain();
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  changed_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void ThreadProbeWorkers::Submit(ProbeStep step) {
  std::unique_lock lock(mu_);
  changed_.wait(lock, [&] { return !pending_ && busy_ < size(); });
  pending_ = std::move(step);
  changed_.notify_all();
}

void ThreadProbeWorkers::Drain() {
  std::unique_lock lock(mu_);
  changed_.wait(lock, [&] { return !pending_ && busy_ == 0; });
}

void ThreadProbeWorkers::Loop(ApiClient& api) {
  std::unique_lock lock(mu_);
  while (true) {
    changed_.wait(lock, [&] { return stop_ || pending_.has_value(); });
    if (!pending_) return;  // stopping, nothing left
    ProbeStep step = std::move(*pending_);
    pending_.reset();
    ++busy_;
    changed_.notify_all();
    lock.unlock();
    step(api);
    lock.lock();
    --busy_;
    changed_.notify_all();
  }
}

int ProbeWorkerCount(double rate, std::chrono::milliseconds latency) {
  double n = std::ceil(rate * std::chrono::duration<double>(latency).count());
  return static_cast<int>(std::clamp(n, 1.0, 16.0));
}

}  // namespace kops::ops
