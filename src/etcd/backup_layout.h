// The etcd backup layout of kops' etcd-manager, which this project writes and reads
// so that either tool can use the other's backups (all under the backup store of one
// etcd cluster, by default <state store>/<cluster>/backups/etcd/<etcd cluster>/):
//   <name>/etcd.backup.gz        the v3 snapshot, gzip-compressed
//   <name>/_etcd_backup.meta     BackupInfo as JSON (written last: a backup without it
//                                is incomplete and not listed)
//   control/etcd-cluster-spec    ClusterSpec {"memberCount","etcdVersion"}
//   control/etcd-cluster-created the marker that the cluster was formed
//   control/<name>/_command.json a Command; {"restoreBackup": {...}} asks every member
//                                to restore a backup
// A backup or command <name> is "<UTC time, RFC 3339 to the second>-<6-digit sequence>",
// e.g. "2024-05-01T12:00:00Z-000001" (the sequence breaks ties within one second).
// JSON as Go's protojson writes it: camelCase names, int64 as strings (both read).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace kops::etcd {

inline constexpr std::string_view kBackupDataFile = "etcd.backup.gz";
inline constexpr std::string_view kBackupMetaFile = "_etcd_backup.meta";
inline constexpr std::string_view kCommandFile = "_command.json";
inline constexpr std::string_view kControlDir = "control";
inline constexpr std::string_view kClusterSpecFile = "etcd-cluster-spec";

using WallTime = std::chrono::system_clock::time_point;

// "2024-05-01T12:00:00Z-000001"; sequence is taken modulo 1000000.
std::string BackupName(WallTime time, int sequence);
// The time of a backup (or command) name; nullopt when name is not of that form.
std::optional<WallTime> ParseBackupName(std::string_view name);
// kInvalidArgument unless name is of BackupName's form (so it is one safe path part).
Status CheckBackupName(std::string_view name);

struct ClusterSpecInfo {
  int32_t member_count = 0;
  std::string etcd_version;
};

struct BackupInfo {
  std::string etcd_version;  // "3.4.23"
  int64_t timestamp = 0;     // Unix seconds
  ClusterSpecInfo cluster_spec;
};

std::string EncodeClusterSpec(const ClusterSpecInfo& spec);
Result<ClusterSpecInfo> DecodeClusterSpec(std::string_view json);
std::string EncodeBackupInfo(const BackupInfo& info);
// kInvalidArgument naming the problem when json is not a BackupInfo with an etcdVersion.
Result<BackupInfo> DecodeBackupInfo(std::string_view json);

struct RestoreCommand {
  int64_t timestamp_ns = 0;  // when it was requested (Unix nanoseconds)
  std::string backup;        // the backup name to restore
  ClusterSpecInfo cluster_spec;
};

std::string EncodeRestoreCommand(const RestoreCommand& command);
// kNotFound when the command is valid JSON but no restoreBackup command (kops knows
// others); kInvalidArgument when it is not a command or names no valid backup.
Result<RestoreCommand> DecodeRestoreCommand(std::string_view json);

}  // namespace kops::etcd
