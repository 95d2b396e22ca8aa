// etcd cluster specs: the control plane's data, one member per control-plane group.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kops::api {

struct EtcdMemberSpec {
  std::string name;            // member name, unique in its etcd cluster, immutable
  std::string instance_group;  // the control-plane group whose instance runs it
  std::optional<std::string> volume_type;
  std::optional<int32_t> volume_iops;
  std::optional<int32_t> volume_throughput;
  std::optional<int32_t> volume_size;  // GiB
  std::optional<std::string> kms_key_id;
  std::optional<bool> encrypted_volume;

  template <class V>
  void Visit(V& v) {
    v("name", name);
    v("instanceGroup", instance_group);
    v("volumeType", volume_type);
    v("volumeIops", volume_iops);
    v("volumeThroughput", volume_throughput);
    v("volumeSize", volume_size);
    v("kmsKeyID", kms_key_id);
    v("encryptedVolume", encrypted_volume);
  }
};

struct EnvVar {
  std::string name;
  std::string value;
  template <class V>
  void Visit(V& v) {
    v("name", name);
    v("value", value);
  }
};

struct EtcdManagerSpec {
  std::string image;
  std::vector<EnvVar> env;
  std::optional<std::string> backup_interval;        // duration, e.g. "1h0m0s"
  std::optional<int32_t> backup_retention_days;
  std::optional<std::string> discovery_poll_interval;
  std::optional<int32_t> log_level;
  std::vector<std::string> listen_metrics_urls;

  template <class V>
  void Visit(V& v) {
    v("image", image);
    v("env", env);
    v("backupInterval", backup_interval);
    v("backupRetentionDays", backup_retention_days);
    v("discoveryPollInterval", discovery_poll_interval);
    v("logLevel", log_level);
    v("listenMetricsURLs", listen_metrics_urls);
  }
};

struct EtcdBackupSpec {
  std::string backup_store;
  std::string image;
  template <class V>
  void Visit(V& v) {
    v("backupStore", backup_store);
    v("image", image);
  }
};

struct EtcdClusterSpec {
  std::string name;  // "main", "events", or "cilium"
  std::string provider;
  std::vector<EtcdMemberSpec> members;
  std::string version;
  std::optional<std::string> leader_election_timeout;
  std::optional<std::string> heartbeat_interval;
  std::string image;
  std::optional<EtcdBackupSpec> backups;
  std::optional<EtcdManagerSpec> manager;
  std::optional<std::string> memory_request;
  std::optional<std::string> cpu_request;

  template <class V>
  void Visit(V& v) {
    v("name", name);
    v("provider", provider);
    v("etcdMembers", members);
    v("version", version);
    v("leaderElectionTimeout", leader_election_timeout);
    v("heartbeatInterval", heartbeat_interval);
    v("image", image);
    v("backups", backups);
    v("manager", manager);
    v("memoryRequest", memory_request);
    v("cpuRequest", cpu_request);
  }
};

}  // namespace kops::api
