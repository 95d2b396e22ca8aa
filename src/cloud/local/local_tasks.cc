// Keypair, Zone and Volume tasks (local_tasks.h); the LB and group tasks are in
// local_tasks_group.cc.
#include "cloud/local/local_tasks.h"

namespace kops::cloud::local {

using engine::Fields;
using engine::Value;

Value::Map ToValueMap(const StringMap& m) {
  Value::Map out;
  for (const auto& [k, v] : m) out[k] = v;
  return out;
}

// ---- Keypair

KeypairTask::KeypairTask(std::string keyset, store::Vfs& vfs, std::string cluster_name,
                         store::KeystoreOptions options)
    : Task("Keypair", std::move(keyset)),
      vfs_(vfs),
      cluster_name_(std::move(cluster_name)),
      options_(std::move(options)) {}

Fields KeypairTask::Expected() const { return {{"Subject", "cn=" + name()}, {"Type", "ca"}}; }

Result<std::optional<Fields>> KeypairTask::Find(engine::Context&) {
  store::Keystore keystore(vfs_, cluster_name_, options_);
  auto keyset = keystore.FindKeyset(name());
  if (keyset.status().code() == Code::kNotFound) return std::optional<Fields>();
  if (!keyset.ok()) return keyset.status();
  return std::optional<Fields>(Expected());  // any existing CA is kept, as kops keeps it
}

Status KeypairTask::Apply(engine::DirectTarget&, const engine::Change&, engine::Context&) {
  store::Keystore keystore(vfs_, cluster_name_, options_);
  return keystore.EnsureCA(name()).status();
}

// ---- Zone

ZoneTask::ZoneTask(std::string zone, LocalCloudApi& reader, ClusterRef ref)
    : LocalCloudTask("Zone", std::move(zone), reader, std::move(ref)) {}

Fields ZoneTask::Expected() const { return {{"Zone", name()}}; }

Result<std::optional<Fields>> ZoneTask::Find(engine::Context& ctx) {
  ASSIGN_OR_RETURN(CloudState state, State());
  for (const auto& z : state.zones) {
    if (z.zone != name()) continue;
    ctx.Publish(key(), "range", z.Cidr());
    return std::optional<Fields>(Fields{{"Zone", name()}, {"Range", z.Cidr()}});
  }
  return std::optional<Fields>();
}

Status ZoneTask::Apply(engine::DirectTarget& target, const engine::Change&, engine::Context&) {
  // The daemon allocates the range with the zone's first group or volume.
  return AsLocalTarget(target, key()).status();
}

// ---- Volume

VolumeTask::VolumeTask(std::string name, std::string zone, StringMap tags, LocalCloudApi& reader,
                       ClusterRef ref)
    : LocalCloudTask("Volume", std::move(name), reader, std::move(ref)),
      zone_(std::move(zone)),
      tags_(std::move(tags)) {}

Fields VolumeTask::Expected() const { return {{"Zone", zone_}, {"Tags", ToValueMap(tags_)}}; }

std::optional<std::pair<std::string, std::string>> EtcdMemberOfVolume(const StringMap& tags) {
  for (const auto& [k, v] : tags)
    if (k.rfind("k8s.io/etcd/", 0) == 0) return std::pair{k.substr(12), v.substr(0, v.find('/'))};
  return std::nullopt;
}

Result<std::optional<Fields>> VolumeTask::Find(engine::Context& ctx) {
  ASSIGN_OR_RETURN(CloudState state, State());
  // The same member's volume: same zone and etcd tag key, same member before the "/";
  // the member list after it changes when members are added or removed.
  auto mine = EtcdMemberOfVolume(tags_);
  const Volume* found = nullptr;
  for (const auto& [id, v] : state.volumes) {
    if (v.zone != zone_ || v.lost) continue;
    if (v.tags == tags_) {
      found = &v;
      break;
    }
    if (mine && EtcdMemberOfVolume(v.tags) == mine && !found) found = &v;
  }
  found_id_ = found ? found->id : "";
  if (!found) return std::optional<Fields>();
  ctx.Publish(key(), "id", found->id);
  return std::optional<Fields>(Fields{{"Zone", found->zone}, {"Tags", ToValueMap(found->tags)}});
}

Status VolumeTask::Apply(engine::DirectTarget& target, const engine::Change& change,
                         engine::Context& ctx) {
  ASSIGN_OR_RETURN(LocalTarget * local, AsLocalTarget(target, key()));
  if (change.actual && !found_id_.empty()) {
    ASSIGN_OR_RETURN(Volume v, local->api().SetVolumeTags(ref(), found_id_, tags_));
    ctx.Publish(key(), "id", v.id);
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(Volume v, local->api().CreateVolume(ref(), zone_, tags_));
  ctx.Publish(key(), "id", v.id);
  return Status::Ok();
}

}  // namespace kops::cloud::local
