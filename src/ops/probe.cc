#include "ops/probe.h"

#include <algorithm>
#include <mutex>

#include "base/strings.h"

namespace kops::ops {

using nlohmann::json;

namespace {

std::string Path(const ProbeOptions& o, const std::string& name = "") {
  return "/api/v1/namespaces/" + o.ns + "/configmaps" + (name.empty() ? "" : "/" + name);
}

std::string Describe(const Result<HttpResponse>& r) {
  if (!r.ok()) return r.status().message();
  return "HTTP " + std::to_string(r->status) + ": " + BodySummary(r->body);
}

std::string ValueOf(const json& cm) {
  if (!cm.is_object() || !cm.contains("data") || !cm["data"].is_object()) return "";
  const json& v = cm["data"].value("value", json());
  return v.is_string() ? v.get<std::string>() : "";
}

// The probe's objects now: name -> value; an error when the list cannot be read.
Result<std::map<std::string, std::string>> ListProbeObjects(ApiClient& api, const ProbeOptions& o) {
  ASSIGN_OR_RETURN(json list, api.GetJson(Path(o)));
  std::map<std::string, std::string> found;
  if (!list.contains("items") || !list["items"].is_array()) return found;
  for (const json& item : list["items"]) {
    if (!item.contains("metadata") || !item["metadata"].is_object()) continue;
    std::string name = item["metadata"].value("name", "");
    if (StartsWith(name, o.prefix)) found[name] = ValueOf(item);
  }
  return found;
}

void Cleanup(ApiClient& api, Clock& clock, const ProbeOptions& o, const std::map<std::string, std::string>& names) {
  Clock::TimePoint until = clock.Now() + o.cleanup_timeout;
  for (const auto& [name, value] : names) {
    if (clock.Now() >= until) break;
    (void)api.Do("DELETE", Path(o, name));
  }
}

}  // namespace

ProbeReport RunProbe(ApiClient& api, Clock& clock, const ProbeOptions& o, std::ostream* progress) {
  InlineProbeWorkers workers(api);
  return RunProbe(api, workers, clock, o, progress);
}

ProbeReport RunProbe(ApiClient& api, ProbeWorkers& workers, Clock& clock, const ProbeOptions& o,
                     std::ostream* progress) {
  const Clock::TimePoint start = clock.Now();
  const Clock::TimePoint deadline = start + o.duration;
  const auto interval = std::chrono::duration_cast<Clock::Duration>(
      std::chrono::duration<double>(1.0 / std::max(o.rate, 0.001)));
  // The accounting is shared by the workers: every use holds mu, and a completion time
  // is taken under it, so successes reach the accounting in completion order.
  std::mutex mu;
  ProbeAccounting acc(start);
  std::string last_acked;  // the latest acknowledged write, read back after the next one
  auto write = [&](const std::string& name, const std::string& value, ApiClient& worker_api) {
    json cm = {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", name}}},
               {"data", {{"value", value}}}};
    Result<HttpResponse> w = worker_api.Do("POST", Path(o), cm.dump());
    if (!(w.ok() && (w->status == 201 || w->status == 200))) {
      std::lock_guard lock(mu);
      acc.WriteFailed(name + ": " + Describe(w));
      return;
    }
    std::string previous, previous_value;
    {
      std::lock_guard lock(mu);
      acc.WriteAcknowledged(name, value, clock.Now());
      previous = last_acked;
      if (!previous.empty()) previous_value = acc.acknowledged().at(previous);
      last_acked = name;
    }
    if (previous.empty()) return;
    Result<HttpResponse> r = worker_api.Do("GET", Path(o, previous));
    bool ok = r.ok() && r->status == 200 && ValueOf(json::parse(r->body, nullptr, false)) == previous_value;
    std::lock_guard lock(mu);
    acc.Read(ok);
  };
  Clock::TimePoint next = start;
  Clock::TimePoint next_progress = start + o.progress_every;
  for (int64_t seq = 1; clock.Now() < deadline; ++seq) {
    std::string name = o.prefix + std::to_string(seq);
    std::string value = o.prefix + "/" + std::to_string(seq);
    workers.Submit([&write, name, value](ApiClient& worker_api) { write(name, value, worker_api); });
    Clock::TimePoint now = clock.Now();
    if (progress && now >= next_progress) {
      std::lock_guard lock(mu);
      *progress << "probe: " << std::chrono::duration_cast<std::chrono::seconds>(now - start).count() << "s, "
                << acc.report().acknowledged << " acknowledged, " << acc.report().failed << " failed\n";
      next_progress += o.progress_every;
    }
    next += interval;
    if (next < now) next = now;  // skip ticks missed while every worker was busy: no bursts
    if (next >= deadline) break;
    if (next > now) clock.SleepFor(next - now);
  }
  workers.Drain();
  const Clock::TimePoint end = std::max(clock.Now(), deadline);
  Result<std::map<std::string, std::string>> found = Unavailable("not read");
  Clock::TimePoint verify_until = clock.Now() + o.verify_timeout;
  while (true) {
    found = ListProbeObjects(api, o);
    if (found.ok() || clock.Now() >= verify_until) break;
    clock.SleepFor(std::chrono::milliseconds(500));
  }
  ProbeReport report = found.ok() ? acc.Finish(end, true, *found)
                                  : acc.Finish(end, false, {}, found.status().message());
  report.endpoint = api.endpoint();
  std::map<std::string, std::string> to_delete = acc.acknowledged();
  if (found.ok()) to_delete.insert(found->begin(), found->end());  // also failed-but-committed writes
  Cleanup(api, clock, o, to_delete);
  return report;
}

}  // namespace kops::ops
