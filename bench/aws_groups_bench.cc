// What one poll of a cluster's autoscaling groups costs the AWS rolling update and
// validation (ReadAwsGroups: DescribeAutoScalingGroups pages parsed, instances matched to
// their group's launch template version). AWS's answers are recorded once from the fake
// AWS and replayed, so only the client's parsing and the view are measured.
//
//   build/bench/aws_groups_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <map>

#include "awsapi/fake_aws_cloud.h"
#include "ops/aws_cluster_view.h"

namespace {

using kops::awsapi::FakeAwsCloud;

// Answers each distinct request body with what the fake answered it the first time.
class ReplayHttpClient : public kops::HttpClient {
 public:
  explicit ReplayHttpClient(kops::HttpClient& origin) : origin_(origin) {}
  kops::Result<kops::HttpResponse> Do(const kops::HttpRequest& r) override {
    auto it = recorded_.find(r.body);
    if (it != recorded_.end()) return it->second;
    ASSIGN_OR_RETURN(kops::HttpResponse answer, origin_.Do(r));
    recorded_.emplace(r.body, answer);
    return answer;
  }

 private:
  kops::HttpClient& origin_;
  std::map<std::string, kops::HttpResponse> recorded_;
};

void BM_ReadAwsGroups(benchmark::State& state) {
  const int groups = static_cast<int>(state.range(0));
  const int per_group = static_cast<int>(state.range(1));
  FakeAwsCloud aws;
  aws.set_page_size(50);  // AWS's page size for DescribeAutoScalingGroups is at most 100
  for (int g = 0; g < groups; ++g) {
    std::string name = "nodes-" + std::to_string(g) + ".bench.example.com";
    aws.AddLaunchTemplate(name, 2, 1);
    FakeAwsCloud::GroupSpec spec;
    spec.name = name;
    spec.min_size = spec.max_size = spec.desired_capacity = per_group;
    spec.launch_template_name = name;
    spec.availability_zones = {"us-test-1a"};
    spec.tags = {{"KubernetesCluster", "bench.example.com"}, {"kops.k8s.io/instancegroup", "nodes-" + std::to_string(g)}};
    aws.AddGroup(spec);
    for (int i = 0; i < per_group; ++i)
      aws.AddInstance(name, "i-" + std::to_string(g) + "-" + std::to_string(i), "us-test-1a", i % 2 ? 1 : 2);
  }
  ReplayHttpClient http(aws.http());
  kops::awsapi::AutoScalingClient autoscaling(http, FakeAwsCloud::Config());
  kops::awsapi::Ec2Client ec2(http, FakeAwsCloud::Config());
  size_t outdated = 0;
  for (auto _ : state) {
    auto read = kops::ops::ReadAwsGroups(autoscaling, ec2, "bench.example.com");
    if (!read.ok()) {
      state.SkipWithError(read.status().message().c_str());
      return;
    }
    outdated = 0;
    for (const auto& g : *read)
      for (const auto& i : g.instances) outdated += i.outdated;
    benchmark::DoNotOptimize(outdated);
  }
  state.counters["instances"] = groups * per_group;
  state.counters["outdated"] = static_cast<double>(outdated);
  state.counters["instances/s"] =
      benchmark::Counter(static_cast<double>(groups * per_group), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ReadAwsGroups)->Args({4, 3})->Args({30, 10})->Args({100, 10})->Args({300, 10})->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
