#include "cli/aws_cluster_clients.h"

#include "api/defaults.h"
#include "awsapi/service_config.h"
#include "base/file_util.h"
#include "ops/client_cert.h"
#include "ops/kube_access.h"
#include "ops/kubeconfig.h"

namespace kops::cli {

namespace {

// The region of the cluster's zones (kops: every subnet is in one region).
Result<std::string> ClusterRegion(const api::Cluster& cluster) {
  for (const auto& subnet : cluster.spec.subnets) {
    if (!subnet.region.empty()) return subnet.region;
    if (subnet.zone.size() > 1) return subnet.zone.substr(0, subnet.zone.size() - 1);
  }
  return FailedPrecondition("cluster " + cluster.name() + " has no subnet with a zone to take the AWS region from");
}

Result<ops::KubeAccess> FindKubeAccess(const OpenedCluster& c) {
  const std::string name = c.specs.cluster.name();
  std::string path = ops::KubeconfigPath("");
  ops::KubeAccess access;
  if (PathExists(path)) {
    ASSIGN_OR_RETURN(std::string text, ReadFile(path));
    ASSIGN_OR_RETURN(nlohmann::json config, ops::ParseKubeconfig(text, path));
    ASSIGN_OR_RETURN(std::optional<ops::KubeAccess> found, ops::KubeAccessFromKubeconfig(config, name, path));
    if (found) access = std::move(*found);
  }
  if (access.server.empty()) {
    api::Cluster completed = c.specs.cluster;  // masterPublicName defaults to api.<cluster>
    api::ApplyDefaults(completed);
    access.server = "https://" + completed.spec.master_public_name;
    access.source = access.server + " (spec.masterPublicName; no kubeconfig context " + name + " in " + path + ")";
  }
  if (access.tls.ca_pem.empty() && !access.tls.insecure_skip_verify) {
    ASSIGN_OR_RETURN(access.tls.ca_pem, ops::CaBundlePem(*c.keystore, std::string(store::kKubernetesCa)));
  }
  if (access.tls.cert_pem.empty()) {
    ASSIGN_OR_RETURN(TlsConfig admin, ops::IssueClientTls(*c.keystore, std::string(store::kKubernetesCa),
                                                          {"kops-operator", {"system:masters"}}, std::chrono::hours(1),
                                                          RealClock::Instance().WallNow()));
    access.tls.cert_pem = admin.cert_pem;
    access.tls.key_pem = admin.key_pem;
    access.source += ", admin certificate from the state store's kubernetes-ca";
  }
  return access;
}

}  // namespace

Result<AwsClusterClients> OpenAwsClusterClients(const OpenedCluster& c, bool want_kube) {
  AwsClusterClients out;
  ASSIGN_OR_RETURN(std::string region, ClusterRegion(c.specs.cluster));
  const awsapi::EnvFn env = awsapi::ProcessEnv();
  ASSIGN_OR_RETURN(awsapi::ServiceConfig asg, awsapi::ServiceConfigForRegion(env, awsapi::Service::kAutoScaling, region));
  ASSIGN_OR_RETURN(awsapi::ServiceConfig ec2, awsapi::ServiceConfigForRegion(env, awsapi::Service::kEc2, region));
  ASSIGN_OR_RETURN(awsapi::ServiceConfig elb,
                   awsapi::ServiceConfigForRegion(env, awsapi::Service::kElasticLoadBalancing, region));
  out.autoscaling = std::make_unique<awsapi::AutoScalingClient>(*c.http, asg);
  out.ec2 = std::make_unique<awsapi::Ec2Client>(*c.http, ec2);
  out.elbv2 = std::make_unique<awsapi::Elbv2Client>(*c.http, elb);
  if (want_kube) {
    ASSIGN_OR_RETURN(ops::KubeAccess access, FindKubeAccess(c));
    out.kube_source = access.source;
    out.kube = std::make_unique<ops::ApiClient>(*c.http, access.server, access.tls, std::chrono::milliseconds(10000));
  }
  return out;
}

}  // namespace kops::cli
