// An embedded catalogue of machine types, for when the cloud cannot be asked: AWS
// families kops users commonly pick (t2/t3/t3a/t4g, m3/m4/m5/m5a/m6i/m6g/m7g, c5/c6g/
// c7g, r5/r6g) and the local cloud's own "local.*" types. Graviton families (…g) are
// arm64. Instance-store (ephemeral) devices are named as kops exposes them: /dev/sdc,
// /dev/sdd, … (virtual names ephemeral0, ephemeral1, …).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace kops::channels {

inline constexpr const char* kArchAmd64 = "amd64";
inline constexpr const char* kArchArm64 = "arm64";

struct EphemeralDevice {
  std::string device_name;   // "/dev/sdc"
  std::string virtual_name;  // "ephemeral0"
  int size_gb = 0;
};

struct MachineType {
  std::string name;          // "m3.medium", "local.small"
  std::string cloud;         // "aws" or "local"
  std::string architecture;  // kArchAmd64 or kArchArm64
  int vcpus = 0;
  int memory_mib = 0;
  bool burstable = false;    // t-family CPU credits
  std::vector<EphemeralDevice> ephemeral_devices;
};

enum class MachineRole { kControlPlane, kNode, kBastion };

// The catalogue entry for name, or nullopt when it is not in the catalogue.
std::optional<MachineType> FindMachineType(const std::string& name);

// The architecture of a machine type: the catalogue's; for unknown AWS names, arm64
// when the family ends in 'g' (Graviton: m6g, c7gn...), else amd64. "" is amd64.
std::string MachineArchitecture(const std::string& name);

// What kops picks when no size is given: on a real AWS region t3.medium for control
// planes and nodes, t3.micro for bastions; the local cloud uses local.medium /
// local.small. NotFound for other clouds.
Result<std::string> DefaultMachineType(const std::string& cloud, MachineRole role);

// Every catalogue entry, in a stable order (for listings and tests).
const std::vector<MachineType>& AllMachineTypes();

}  // namespace kops::channels
