#include "etcd/backup_layout.h"

#include <cstdio>
#include <ctime>

#include <nlohmann/json.hpp>

namespace kops::etcd {
namespace {

using Json = nlohmann::json;

// protojson writes int64 as a string; accept numbers too.
std::optional<int64_t> ReadInt64(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return 0;
  if (it->is_number_integer()) return it->get<int64_t>();
  if (it->is_string()) {
    const std::string& s = it->get_ref<const std::string&>();
    char* end = nullptr;
    long long v = std::strtoll(s.c_str(), &end, 10);
    if (s.empty() || *end != '\0') return std::nullopt;
    return v;
  }
  return std::nullopt;
}

Json ClusterSpecJson(const ClusterSpecInfo& s) {
  Json j = Json::object();
  if (s.member_count != 0) j["memberCount"] = s.member_count;
  if (!s.etcd_version.empty()) j["etcdVersion"] = s.etcd_version;
  return j;
}

Result<ClusterSpecInfo> ClusterSpecFrom(const Json& j, const std::string& what) {
  if (!j.is_object()) return InvalidArgument(what + ": clusterSpec is not an object");
  ClusterSpecInfo s;
  std::optional<int64_t> count = ReadInt64(j, "memberCount");
  if (!count || *count < 0) return InvalidArgument(what + ": memberCount is not a count");
  s.member_count = static_cast<int32_t>(*count);
  if (j.contains("etcdVersion") && j["etcdVersion"].is_string()) s.etcd_version = j["etcdVersion"];
  return s;
}

Result<Json> Parse(std::string_view json, const std::string& what) {
  Json j = Json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return InvalidArgument(what + ": not a JSON object");
  return j;
}

}  // namespace

std::string BackupName(WallTime time, int sequence) {
  std::time_t t = std::chrono::system_clock::to_time_t(time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ-%06d", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                ((sequence % 1000000) + 1000000) % 1000000);
  return buf;
}

std::optional<WallTime> ParseBackupName(std::string_view name) {
  // 2024-05-01T12:00:00Z-000001
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ-dddddd";
  if (name.size() != kShape.size()) return std::nullopt;
  for (size_t i = 0; i < name.size(); ++i) {
    bool digit = name[i] >= '0' && name[i] <= '9';
    if (kShape[i] == 'd' ? !digit : name[i] != kShape[i]) return std::nullopt;
  }
  auto num = [&](size_t at, size_t len) { return std::stoi(std::string(name.substr(at, len))); };
  std::tm tm{};
  tm.tm_year = num(0, 4) - 1900;
  tm.tm_mon = num(5, 2) - 1;
  tm.tm_mday = num(8, 2);
  tm.tm_hour = num(11, 2);
  tm.tm_min = num(14, 2);
  tm.tm_sec = num(17, 2);
  if (tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
      tm.tm_sec > 60) {
    return std::nullopt;
  }
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

Status CheckBackupName(std::string_view name) {
  if (ParseBackupName(name)) return Status::Ok();
  return InvalidArgument("backup \"" + std::string(name) +
                         "\": want a name as `kops etcd backups list` shows it, e.g. "
                         "2024-05-01T12:00:00Z-000001");
}

std::string EncodeClusterSpec(const ClusterSpecInfo& spec) { return ClusterSpecJson(spec).dump(2); }

Result<ClusterSpecInfo> DecodeClusterSpec(std::string_view json) {
  ASSIGN_OR_RETURN(Json j, Parse(json, "etcd cluster spec"));
  return ClusterSpecFrom(j, "etcd cluster spec");
}

std::string EncodeBackupInfo(const BackupInfo& info) {
  Json j = {{"etcdVersion", info.etcd_version}, {"timestamp", std::to_string(info.timestamp)}};
  j["clusterSpec"] = ClusterSpecJson(info.cluster_spec);
  return j.dump(2);
}

Result<BackupInfo> DecodeBackupInfo(std::string_view json) {
  ASSIGN_OR_RETURN(Json j, Parse(json, "etcd backup info"));
  BackupInfo info;
  if (!j.contains("etcdVersion") || !j["etcdVersion"].is_string() ||
      j["etcdVersion"].get<std::string>().empty()) {
    return InvalidArgument("etcd backup info: etcdVersion is missing");
  }
  info.etcd_version = j["etcdVersion"];
  std::optional<int64_t> ts = ReadInt64(j, "timestamp");
  if (!ts) return InvalidArgument("etcd backup info: timestamp is not a number");
  info.timestamp = *ts;
  if (j.contains("clusterSpec")) {
    ASSIGN_OR_RETURN(info.cluster_spec, ClusterSpecFrom(j["clusterSpec"], "etcd backup info"));
  }
  return info;
}

std::string EncodeRestoreCommand(const RestoreCommand& command) {
  Json restore = {{"clusterSpec", ClusterSpecJson(command.cluster_spec)},
                  {"backup", command.backup}};
  Json j = {{"timestamp", std::to_string(command.timestamp_ns)}, {"restoreBackup", restore}};
  return j.dump(2);
}

Result<RestoreCommand> DecodeRestoreCommand(std::string_view json) {
  ASSIGN_OR_RETURN(Json j, Parse(json, "etcd command"));
  RestoreCommand c;
  std::optional<int64_t> ts = ReadInt64(j, "timestamp");
  if (!ts) return InvalidArgument("etcd command: timestamp is not a number");
  c.timestamp_ns = *ts;
  auto it = j.find("restoreBackup");
  if (it == j.end() || it->is_null()) return NotFound("etcd command: not a restoreBackup command");
  if (!it->is_object() || !it->contains("backup") || !(*it)["backup"].is_string()) {
    return InvalidArgument("etcd command: restoreBackup names no backup");
  }
  c.backup = (*it)["backup"];
  RETURN_IF_ERROR(CheckBackupName(c.backup));
  if (it->contains("clusterSpec")) {
    ASSIGN_OR_RETURN(c.cluster_spec, ClusterSpecFrom((*it)["clusterSpec"], "etcd command"));
  }
  return c;
}

}  // namespace kops::etcd
