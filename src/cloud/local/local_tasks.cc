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

Result<std::optional<Fields>> VolumeTask::Find(engine::Context& ctx) {
  ASSIGN_OR_RETURN(CloudState state, State());
  for (const auto& [id, v] : state.volumes) {
    if (v.zone != zone_ || v.tags != tags_) continue;
    ctx.Publish(key(), "id", id);
    return std::optional<Fields>(Fields{{"Zone", v.zone}, {"Tags", ToValueMap(v.tags)}});
  }
  return std::optional<Fields>();
}

Status VolumeTask::Apply(engine::DirectTarget& target, const engine::Change&,
                         engine::Context& ctx) {
  ASSIGN_OR_RETURN(LocalTarget * local, AsLocalTarget(target, key()));
  ASSIGN_OR_RETURN(Volume v, local->api().CreateVolume(ref(), zone_, tags_));
  ctx.Publish(key(), "id", v.id);
  return Status::Ok();
}

}  // namespace kops::cloud::local
