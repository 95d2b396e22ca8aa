#include "cloud/aws/node_termination.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "cloud/aws/builder_util.h"

namespace kops::cloud::aws {

using engine::Fields;
using engine::Value;

namespace {

struct EventRule {
  const char* name;
  const char* pattern;
};

// kops' patterns, byte for byte.
const EventRule kRules[] = {
    {"ASGLifecycle",
     R"({"source":["aws.autoscaling"],"detail-type":["EC2 Instance-terminate Lifecycle Action"]})"},
    {"SpotInterruption",
     R"({"source": ["aws.ec2"],"detail-type": ["EC2 Spot Instance Interruption Warning"]})"},
    {"InstanceStateChange",
     R"({"source": ["aws.ec2"],"detail-type": ["EC2 Instance State-change Notification"]})"},
    {"InstanceScheduledChange",
     R"({"source": ["aws.health"],"detail-type": ["AWS Health Event"],"detail": {"service": ["EC2"],"eventTypeCategory": ["scheduledChange"]}})"},
};
const EventRule kRebalanceRule = {
    "RebalanceRecommendation",
    R"({"source": ["aws.ec2"],"detail-type": ["EC2 Instance Rebalance Recommendation"]})"};

std::string QueuePolicy(const ModelContext& m, const std::string& queue) {
  std::string account = m.input().facts.account_id.empty() ? "*" : m.input().facts.account_id;
  nlohmann::json doc = {
      {"Statement",
       nlohmann::json::array({{{"Action", "sqs:SendMessage"},
                               {"Effect", "Allow"},
                               {"Principal",
                                {{"Service", {"events.amazonaws.com", "sqs.amazonaws.com"}}}},
                               {"Resource", "arn:" + PartitionOf(m) + ":sqs:" + m.Region() + ":" +
                                                account + ":" + queue}}})},
      {"Version", "2012-10-17"}};
  return doc.dump(2);
}

Status AddRule(const ModelContext& m, const EventRule& rule, const std::string& queue_key,
               engine::Graph& g) {
  std::string name = m.cluster_name() + "-" + rule.name;
  RETURN_IF_ERROR(AddTask(g, NewResource("CloudWatchEventRule", name, "aws_cloudwatch_event_rule",
                                         Fields{{"event_pattern", Value::File(rule.pattern)},
                                                {"name", name},
                                                {"tags", m.CloudTags(name)}})));
  return AddTask(g, NewResource("CloudWatchEventTarget", name + "-Target",
                                "aws_cloudwatch_event_target",
                                Fields{{"arn", Value::Ref(queue_key, "arn")},
                                       {"rule", Value::Ref("CloudWatchEventRule/" + name)}}));
}

}  // namespace

std::string NthQueueName(const std::string& cluster_name) {
  std::string name = cluster_name;
  std::replace(name.begin(), name.end(), '.', '-');
  name += "-nth";
  return name.size() > 80 ? name.substr(0, 80) : name;
}

Status BuildNodeTerminationHandler(const ModelContext& m, engine::Graph& graph) {
  if (!UsesNthQueue(m)) return Status::Ok();
  std::string queue = NthQueueName(m.cluster_name());
  RETURN_IF_ERROR(AddTask(graph, NewResource("SQS", queue, "aws_sqs_queue",
                                             Fields{{"message_retention_seconds", 300},
                                                    {"name", queue},
                                                    {"policy", Value::File(QueuePolicy(m, queue))},
                                                    {"tags", m.CloudTags(queue)}})));
  for (const auto& rule : kRules) RETURN_IF_ERROR(AddRule(m, rule, "SQS/" + queue, graph));
  const auto& nth = m.cluster().spec.node_termination_handler;
  if (nth && nth->enable_rebalance_monitoring.value_or(false)) {
    RETURN_IF_ERROR(AddRule(m, kRebalanceRule, "SQS/" + queue, graph));
  }
  return Status::Ok();
}

}  // namespace kops::cloud::aws
