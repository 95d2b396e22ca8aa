#include "cloud/local/haproxy_config.h"

#include <algorithm>
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
    << "  option redispatch " << c.redispatch_every << "\n"
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

namespace {

std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> out(1);
  for (char c : line) {
    if (c == ',') out.emplace_back();
    else out.back() += c;
  }
  return out;
}

}  // namespace

Result<std::vector<HaproxyServerStat>> ParseHaproxyStat(const std::string& csv) {
  std::istringstream in(csv);
  std::string line;
  std::vector<std::string> header;
  while (std::getline(in, line) && header.empty()) {
    if (line.rfind("# ", 0) == 0) header = SplitCsv(line.substr(2));
  }
  auto column = [&](const std::string& name) -> int {
    for (size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return static_cast<int>(i);
    return -1;
  };
  int px = column("pxname"), sv = column("svname"), scur = column("scur"), status = column("status");
  if (px < 0 || sv < 0 || scur < 0 || status < 0) {
    return InvalidArgument("haproxy show stat: the header lacks pxname, svname, scur or status");
  }
  std::vector<HaproxyServerStat> out;
  do {
    std::vector<std::string> f = SplitCsv(line);
    if (static_cast<int>(f.size()) <= std::max({px, sv, scur, status})) continue;
    if (f[px] != "api" || f[sv] == "BACKEND" || f[sv] == "FRONTEND") continue;
    int sessions = 0;
    try {
      sessions = f[scur].empty() ? 0 : std::stoi(f[scur]);
    } catch (...) {
      return InvalidArgument("haproxy show stat: scur \"" + f[scur] + "\" of server " + f[sv] + " is not a number");
    }
    out.push_back({f[sv], f[status], sessions});
  } while (std::getline(in, line));
  return out;
}

}  // namespace kops::cloud::local
