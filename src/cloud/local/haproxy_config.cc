#include "cloud/local/haproxy_config.h"

#include <sstream>

namespace kops::cloud::local {

std::string RenderHaproxyConfig(const HaproxyConfig& c) {
  std::ostringstream o;
  o << "# Written by the kops local cloud; do not edit.\n"
    << "global\n"
    << "  pidfile " << c.pid_file << "\n"
    << "  stats socket " << c.runtime_socket << " mode 600 level admin\n"
    << "  stats timeout 30s\n"
    << "\n"
    << "defaults\n"
    << "  mode tcp\n"
    << "  timeout connect " << c.connect_timeout_ms << "ms\n"
    << "  timeout client 10m\n"
    << "  timeout server 10m\n"
    << "  timeout check " << c.check_interval_ms << "ms\n"
    << "  retries " << c.retries << "\n"
    << "  option redispatch\n"
    << "\n"
    << "frontend api\n"
    << "  bind " << c.frontend_address << ":" << c.frontend_port << "\n"
    << "  default_backend api\n"
    << "\n"
    << "backend api\n"
    << "  balance roundrobin\n"
    << "  option allbackups\n"
    << "  option httpchk GET " << c.health_check_path << "\n"
    << "  http-check expect status 200\n"
    << "  default-server inter " << c.check_interval_ms << "ms fall " << c.fall << " rise "
    << c.rise << " check-ssl verify none\n";
  for (const auto& b : c.backends) {
    o << "  server " << b.name << " " << b.address << ":" << b.port << " check\n";
  }
  // Fail open, as a cloud's network load balancer does: when no server passes its
  // check (etcd quorum lost makes every /readyz fail), connections still reach the
  // servers, so clients get the API's own answer (503 naming the lost quorum) instead
  // of a closed connection. Unchecked backups are used only while every server is down.
  for (const auto& b : c.backends) {
    o << "  server " << b.name << kHaproxyFailOpenSuffix << " " << b.address << ":" << b.port << " backup\n";
  }
  return o.str();
}

std::string HaproxyDrainCommand(const std::string& server_name) {
  return "set server api/" + server_name + " state drain\n";
}

std::string HaproxyReadyCommand(const std::string& server_name) {
  return "set server api/" + server_name + " state ready\n";
}

}  // namespace kops::cloud::local
