// The node-termination-handler's queue and the EventBridge rules that feed it
// (kops pkg/model/awsmodel/nodeterminationhandler.go), built when the handler runs in
// queue-processor mode (the default on AWS):
//   aws_sqs_queue "<cluster with dashes>-nth" (300 s retention, a policy letting
//     EventBridge and SQS send to it);
//   aws_cloudwatch_event_rule "<cluster>-<event>" for ASGLifecycle, SpotInterruption,
//     InstanceScheduledChange, InstanceStateChange (+ RebalanceRecommendation when
//     enableRebalanceMonitoring), each with an event target "<rule>-Target" to the queue.
#pragma once

#include <string>

#include "base/status.h"
#include "cloud/aws/model_context.h"
#include "engine/graph.h"

namespace kops::cloud::aws {

// "minimal.example.com" -> "minimal-example-com-nth" (at most 80 characters).
std::string NthQueueName(const std::string& cluster_name);

Status BuildNodeTerminationHandler(const ModelContext& m, engine::Graph& graph);

}  // namespace kops::cloud::aws
