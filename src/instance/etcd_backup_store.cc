#include "instance/etcd_backup_store.h"

#include <algorithm>
#include <tuple>

namespace kops::instance {
namespace {

const std::string kRestoredPrefix = "restored-";

// "a/b/c" relative to base -> its parts.
std::vector<std::string> Split(const std::string& rel) {
  std::vector<std::string> parts;
  size_t pos = 0;
  while (pos <= rel.size()) {
    size_t slash = rel.find('/', pos);
    if (slash == std::string::npos) slash = rel.size();
    parts.push_back(rel.substr(pos, slash - pos));
    pos = slash + 1;
  }
  return parts;
}

}  // namespace

EtcdBackupStore::EtcdBackupStore(store::Vfs& vfs, std::string cluster_name, std::string etcd_cluster)
    : vfs_(vfs),
      cluster_name_(std::move(cluster_name)),
      etcd_cluster_(std::move(etcd_cluster)),
      base_(cluster_name_ + "/backups/etcd/" + etcd_cluster_ + "/") {}

EtcdBackupStore EtcdBackupStore::At(store::Vfs& vfs, const std::string& dir,
                                    std::string etcd_cluster) {
  EtcdBackupStore store(vfs, "", std::move(etcd_cluster));
  store.base_ = dir.empty() || dir.back() == '/' ? dir : dir + "/";
  return store;
}

std::string EtcdBackupStore::Url() const {
  if (base_.empty()) return vfs_.Url();
  return vfs_.Url() + "/" + base_.substr(0, base_.size() - 1);
}

Result<std::vector<StoredBackup>> EtcdBackupStore::List() {
  ASSIGN_OR_RETURN(std::vector<std::string> paths, vfs_.List(base_));
  std::vector<StoredBackup> out;
  for (const std::string& path : paths) {
    std::vector<std::string> parts = Split(path.substr(base_.size()));
    if (parts.size() != 2 || parts[1] != etcd::kBackupMetaFile) continue;
    std::optional<etcd::WallTime> t = etcd::ParseBackupName(parts[0]);
    if (!t) continue;
    out.push_back({parts[0], *t});
  }
  std::sort(out.begin(), out.end(), [](const StoredBackup& a, const StoredBackup& b) {
    return a.name < b.name;
  });
  return out;
}

Status EtcdBackupStore::Add(const std::string& name, const std::string& gzipped_snapshot,
                            const etcd::BackupInfo& info) {
  RETURN_IF_ERROR(etcd::CheckBackupName(name));
  RETURN_IF_ERROR(vfs_.Write(Path(name + "/" + std::string(etcd::kBackupDataFile)), gzipped_snapshot).status());
  return vfs_.Write(Path(name + "/" + std::string(etcd::kBackupMetaFile)), etcd::EncodeBackupInfo(info))
      .status();
}

Result<etcd::BackupInfo> EtcdBackupStore::ReadInfo(const std::string& name) {
  RETURN_IF_ERROR(etcd::CheckBackupName(name));
  Result<store::VfsObject> obj = vfs_.Read(Path(name + "/" + std::string(etcd::kBackupMetaFile)));
  if (obj.status().code() == Code::kNotFound) {
    return NotFound("backup \"" + name + "\" not found in " + Url() +
                    " (see `kops etcd backups list`)");
  }
  if (!obj.ok()) return obj.status();
  Result<etcd::BackupInfo> info = etcd::DecodeBackupInfo(obj->data);
  if (!info.ok()) return info.status().WithContext("backup " + name);
  return info;
}

Result<std::string> EtcdBackupStore::ReadData(const std::string& name) {
  RETURN_IF_ERROR(etcd::CheckBackupName(name));
  Result<store::VfsObject> obj = vfs_.Read(Path(name + "/" + std::string(etcd::kBackupDataFile)));
  if (!obj.ok()) return obj.status().WithContext("backup " + name + " data");
  return std::move(obj->data);
}

Status EtcdBackupStore::Remove(const std::string& name) {
  RETURN_IF_ERROR(etcd::CheckBackupName(name));
  // The meta first: a half-removed backup is no longer listed.
  RETURN_IF_ERROR(vfs_.Delete(Path(name + "/" + std::string(etcd::kBackupMetaFile))));
  return vfs_.Delete(Path(name + "/" + std::string(etcd::kBackupDataFile)));
}

Result<std::vector<StoredCommand>> EtcdBackupStore::RestoreCommands() {
  std::string control = std::string(etcd::kControlDir) + "/";
  ASSIGN_OR_RETURN(std::vector<std::string> paths, vfs_.List(Path(control)));
  std::vector<StoredCommand> out;
  for (const std::string& path : paths) {
    std::vector<std::string> parts = Split(path.substr(Path(control).size()));
    if (parts.size() != 2 || parts[1] != etcd::kCommandFile) continue;
    Result<store::VfsObject> obj = vfs_.Read(path);
    if (!obj.ok()) continue;
    Result<etcd::RestoreCommand> cmd = etcd::DecodeRestoreCommand(obj->data);
    if (!cmd.ok()) continue;
    out.push_back({parts[0], *cmd});
  }
  std::sort(out.begin(), out.end(), [](const StoredCommand& a, const StoredCommand& b) {
    return std::tie(a.restore.timestamp_ns, a.name) < std::tie(b.restore.timestamp_ns, b.name);
  });
  return out;
}

Status EtcdBackupStore::AddCommand(const std::string& name, const etcd::RestoreCommand& command) {
  RETURN_IF_ERROR(etcd::CheckBackupName(name));
  return vfs_.Write(Path(std::string(etcd::kControlDir) + "/" + name + "/" + std::string(etcd::kCommandFile)),
                    etcd::EncodeRestoreCommand(command))
      .status();
}

Status EtcdBackupStore::RemoveCommand(const std::string& name) {
  RETURN_IF_ERROR(etcd::CheckBackupName(name));
  std::string dir = Path(std::string(etcd::kControlDir) + "/" + name + "/");
  // The command first, so no member starts it again while the markers go.
  RETURN_IF_ERROR(vfs_.Delete(dir + std::string(etcd::kCommandFile)));
  ASSIGN_OR_RETURN(std::vector<std::string> paths, vfs_.List(dir));
  for (const std::string& p : paths) RETURN_IF_ERROR(vfs_.Delete(p));
  return Status::Ok();
}

Status EtcdBackupStore::MarkRestored(const std::string& command, const std::string& member) {
  return vfs_.Write(Path(std::string(etcd::kControlDir) + "/" + command + "/" + kRestoredPrefix + member), "{}")
      .status();
}

Result<std::vector<std::string>> EtcdBackupStore::RestoredMembers(const std::string& command) {
  std::string dir = Path(std::string(etcd::kControlDir) + "/" + command + "/");
  ASSIGN_OR_RETURN(std::vector<std::string> paths, vfs_.List(dir));
  std::vector<std::string> members;
  for (const std::string& p : paths) {
    std::string file = p.substr(dir.size());
    if (file.rfind(kRestoredPrefix, 0) == 0 && file.find('/') == std::string::npos)
      members.push_back(file.substr(kRestoredPrefix.size()));
  }
  return members;
}

Status EtcdBackupStore::WriteClusterSpec(const etcd::ClusterSpecInfo& spec) {
  return vfs_.Write(Path(std::string(etcd::kControlDir) + "/" + std::string(etcd::kClusterSpecFile)),
                    etcd::EncodeClusterSpec(spec))
      .status();
}

Result<std::optional<etcd::ClusterSpecInfo>> EtcdBackupStore::ReadClusterSpec() {
  Result<store::VfsObject> obj =
      vfs_.Read(Path(std::string(etcd::kControlDir) + "/" + std::string(etcd::kClusterSpecFile)));
  if (obj.status().code() == Code::kNotFound) return std::optional<etcd::ClusterSpecInfo>();
  if (!obj.ok()) return obj.status();
  ASSIGN_OR_RETURN(etcd::ClusterSpecInfo spec, etcd::DecodeClusterSpec(obj->data));
  return std::optional<etcd::ClusterSpecInfo>(spec);
}

}  // namespace kops::instance
