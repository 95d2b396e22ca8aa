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
    o << "  server " << b.name << " " << b.address << ":" << b.port << " check"
      << (c.initial.count(b.name) ? " weight 0" : "") << "\n";
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

std::string HaproxyRegisterCommand(const std::string& server_name) {
  return "set server api/" + server_name + " weight 1\n";
}

namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

}  // namespace

bool DiffersOnlyInRegistrations(const std::string& loaded, const std::string& next) {
  std::vector<std::string> a = Lines(loaded), b = Lines(next);
  if (a.size() != b.size()) return false;
  static const std::string kInitial = " weight 0";
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] == b[i]) continue;
    bool registered = b[i].rfind("  server ", 0) == 0 && a[i] == b[i] + kInitial;
    if (!registered) return false;
  }
  return true;
}

bool PassedHealthCheck(const HaproxyServerStat& server) {
  return server.status == "UP" && server.check_status == "L7OK";
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
  int weight = column("weight"), check = column("check_status");
  if (px < 0 || sv < 0 || scur < 0 || status < 0) {
    return InvalidArgument("haproxy show stat: the header lacks pxname, svname, scur or status");
  }
  std::vector<HaproxyServerStat> out;
  do {
    std::vector<std::string> f = SplitCsv(line);
    if (static_cast<int>(f.size()) <= std::max({px, sv, scur, status})) continue;
    if (f[px] != "api" || f[sv] == "BACKEND" || f[sv] == "FRONTEND") continue;
    auto number = [&](int col, const char* name) -> Result<int> {
      if (col < 0 || col >= static_cast<int>(f.size()) || f[col].empty()) return 0;
      try {
        return std::stoi(f[col]);
      } catch (...) {
        return InvalidArgument(std::string("haproxy show stat: ") + name + " \"" + f[col] + "\" of server " +
                               f[sv] + " is not a number");
      }
    };
    ASSIGN_OR_RETURN(int sessions, number(scur, "scur"));
    ASSIGN_OR_RETURN(int w, number(weight, "weight"));
    std::string checked = check >= 0 && check < static_cast<int>(f.size()) ? f[check] : "";
    out.push_back({f[sv], f[status], sessions, w, checked});
  } while (std::getline(in, line));
  return out;
}

}  // namespace kops::cloud::local
