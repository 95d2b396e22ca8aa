// `kops toolbox local-cloud status [-o table|json]`: what the daemon runs — zones, groups,
// instances, volumes and load balancers of every cluster. Does not start the daemon.
#include <memory>

#include "base/strings.h"
#include "cli/output_format.h"
#include "cli/local_cloud_cli.h"
#include "cli/table.h"
#include "cloud/local/state_json.h"

namespace kops::cli {

namespace {

using cloud::local::Json;

std::string Str(const Json& j, const char* key) {
  if (!j.contains(key)) return "";
  return j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
}

std::string Tags(const Json& tags) {
  std::vector<std::string> parts;
  for (const auto& [k, v] : tags.items()) parts.push_back(k + "=" + v.get<std::string>());
  return Join(parts, ",");
}

void PrintStatus(const Json& s, std::ostream& out) {
  out << "Daemon: pid " << Str(s["daemon"], "pid") << ", state " << Str(s["daemon"], "state_dir")
      << "\n\nZones\n";
  Table zones({"CLUSTER", "ZONE", "RANGE", "UP"});
  for (const auto& z : s["zones"]) {
    int index = z["index"];
    zones.AddRow({Str(z, "cluster_id"), Str(z, "zone"),
                  "127." + std::to_string(index >> 8) + "." + std::to_string(index & 255) + ".0/24",
                  Str(z, "up")});
  }
  zones.Print(out);
  out << "\nGroups\n";
  Table groups({"CLUSTER", "NAME", "ZONES", "MIN", "DESIRED", "MAX"});
  for (const auto& g : s["groups"]) {
    groups.AddRow({Str(g, "cluster_id"), Str(g, "name"),
                   Join(g["zones"].get<std::vector<std::string>>(), ","), Str(g, "min_size"),
                   Str(g, "desired"), Str(g, "max_size")});
  }
  groups.Print(out);
  out << "\nInstances\n";
  Table instances({"ID", "GROUP", "ZONE", "ADDRESS", "PID", "STATE", "REASON"});
  for (const auto& i : s["instances"]) {
    instances.AddRow({Str(i, "id"), Str(i, "group_key"), Str(i, "zone"), Str(i, "address"),
                      Str(i, "pid"), Str(i, "state"), Str(i, "state_reason")});
  }
  instances.Print(out);
  out << "\nVolumes\n";
  Table volumes({"ID", "CLUSTER", "ZONE", "ATTACHED", "LOST", "TAGS"});
  for (const auto& v : s["volumes"]) {
    volumes.AddRow({Str(v, "id"), Str(v, "cluster_id"), Str(v, "zone"), Str(v, "attached_to"),
                    Str(v, "lost"), Tags(v["tags"])});
  }
  volumes.Print(out);
  out << "\nLoad balancers\n";
  Table lbs({"CLUSTER", "NAME", "ADDRESS", "HAPROXY PID", "GROUPS"});
  for (const auto& lb : s["load_balancers"]) {
    lbs.AddRow({Str(lb, "cluster_id"), Str(lb, "name"), Str(lb, "address") + ":" + Str(lb, "port"),
                Str(lb, "haproxy_pid"),
                Join(lb["group_keys"].get<std::vector<std::string>>(), ",")});
  }
  lbs.Print(out);
}

}  // namespace

void RegisterLocalCloudStatus(CLI::App& local_cloud, Context& ctx) {
  auto output = std::make_shared<std::string>("table");
  auto* status = local_cloud.add_subcommand("status", "Show what the local cloud daemon runs");
  status->add_option("-o,--output", *output, "Output format: table or json");
  status->callback([&ctx, output] {
    ctx.action = [&ctx, output]() -> Status {
      RETURN_IF_ERROR(CheckOutputFlag(*output, {"table", "json"}));
      auto client = LocalClient(/*autostart=*/false);
      auto s = client.GetStatus();
      if (s.status().code() == Code::kUnavailable) {
        ctx.Err() << "The local cloud daemon is not running (state directory "
                  << client.options().state_dir << ").\n";
        return Status::Ok();
      }
      if (!s.ok()) return s.status();
      if (*output == "json") {
        ctx.Out() << s->dump(2) << "\n";
      } else {
        PrintStatus(*s, ctx.Out());
      }
      return Status::Ok();
    };
  });
}

}  // namespace kops::cli
