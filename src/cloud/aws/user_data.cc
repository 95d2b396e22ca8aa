#include "cloud/aws/user_data.h"

namespace kops::cloud::aws {

std::string NodeUserData(const ModelContext& m, const api::InstanceGroup& ig) {
  std::string role = ig.spec.role == api::kRoleMaster ? "control-plane" : "node";
  std::string config = m.cluster().spec.config_base + "/igconfig/" + role + "/" + ig.metadata.name +
                       "/nodeupconfig.yaml";
  return "#!/bin/bash\n"
         "set -o errexit\nset -o nounset\nset -o pipefail\n\n"
         "NODEUP_URL_AMD64=https://artifacts.k8s.io/binaries/kops/1.35.0/linux/amd64/nodeup\n"
         "NODEUP_URL_ARM64=https://artifacts.k8s.io/binaries/kops/1.35.0/linux/arm64/nodeup\n\n"
         "export AWS_REGION=" + m.Region() + "\n\n"
         "function download-nodeup() {\n"
         "  local arch=$(uname -m)\n"
         "  local url=$NODEUP_URL_AMD64\n"
         "  if [[ \"$arch\" == \"aarch64\" ]]; then url=$NODEUP_URL_ARM64; fi\n"
         "  mkdir -p /opt/kops/bin\n"
         "  curl -f --compressed -L --retry 10 -o /opt/kops/bin/nodeup \"$url\"\n"
         "  chmod +x /opt/kops/bin/nodeup\n"
         "}\n\n"
         "echo \"== nodeup node config starting ==\"\n"
         "download-nodeup\n"
         "cd /opt/kops && ./bin/nodeup --conf=" + config + " --v=8\n"
         "echo \"== nodeup node config done ==\"\n"
         "# cluster: " + m.cluster_name() + ", instance group: " + ig.metadata.name + "\n";
}

}  // namespace kops::cloud::aws
