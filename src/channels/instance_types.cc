#include "channels/instance_types.h"

#include <map>

namespace kops::channels {
namespace {

struct Size {
  const char* size;
  int vcpus;
  int memory_mib;
};

void AddFamily(std::vector<MachineType>& out, const std::string& family, const char* arch,
               const std::vector<Size>& sizes, bool burstable = false) {
  for (const Size& s : sizes)
    out.push_back({family + "." + s.size, "aws", arch, s.vcpus, s.memory_mib, burstable, {}});
}

// Standard sizes where memory is a fixed multiple of the vCPU count.
std::vector<Size> Ratio(int gib_per_vcpu, std::vector<std::pair<const char*, int>> sizes) {
  std::vector<Size> out;
  for (auto [name, vcpus] : sizes) out.push_back({name, vcpus, vcpus * gib_per_vcpu * 1024});
  return out;
}

const std::vector<std::pair<const char*, int>> kIntelSizes = {
    {"large", 2},     {"xlarge", 4},     {"2xlarge", 8},    {"4xlarge", 16},
    {"8xlarge", 32},  {"12xlarge", 48},  {"16xlarge", 64},  {"24xlarge", 96}};
const std::vector<std::pair<const char*, int>> kGravitonSizes = {
    {"medium", 1},   {"large", 2},      {"xlarge", 4},     {"2xlarge", 8},
    {"4xlarge", 16}, {"8xlarge", 32},   {"12xlarge", 48},  {"16xlarge", 64}};

std::vector<MachineType> BuildCatalogue() {
  std::vector<MachineType> out;
  const std::vector<Size> t2 = {{"nano", 1, 512},     {"micro", 1, 1024},   {"small", 1, 2048},
                                {"medium", 2, 4096},  {"large", 2, 8192},   {"xlarge", 4, 16384},
                                {"2xlarge", 8, 32768}};
  const std::vector<Size> t3 = {{"nano", 2, 512},     {"micro", 2, 1024},   {"small", 2, 2048},
                                {"medium", 2, 4096},  {"large", 2, 8192},   {"xlarge", 4, 16384},
                                {"2xlarge", 8, 32768}};
  AddFamily(out, "t2", kArchAmd64, t2, true);
  AddFamily(out, "t3", kArchAmd64, t3, true);
  AddFamily(out, "t3a", kArchAmd64, t3, true);
  AddFamily(out, "t4g", kArchArm64, t3, true);
  // m3: the previous generation, with instance-store SSDs.
  struct M3 {
    const char* size;
    int vcpus, mib, disks, gb;
  };
  for (M3 m : {M3{"medium", 1, 3840, 1, 4}, M3{"large", 2, 7680, 1, 32},
               M3{"xlarge", 4, 15360, 2, 40}, M3{"2xlarge", 8, 30720, 2, 80}}) {
    MachineType t{std::string("m3.") + m.size, "aws", kArchAmd64, m.vcpus, m.mib, false, {}};
    for (int i = 0; i < m.disks; ++i)
      t.ephemeral_devices.push_back(
          {std::string("/dev/sd") + char('c' + i), "ephemeral" + std::to_string(i), m.gb});
    out.push_back(t);
  }
  AddFamily(out, "m4", kArchAmd64,
            Ratio(4, {{"large", 2}, {"xlarge", 4}, {"2xlarge", 8}, {"4xlarge", 16},
                      {"10xlarge", 40}, {"16xlarge", 64}}));
  for (const char* f : {"m5", "m5a", "m6i"}) AddFamily(out, f, kArchAmd64, Ratio(4, kIntelSizes));
  for (const char* f : {"m6g", "m7g"}) AddFamily(out, f, kArchArm64, Ratio(4, kGravitonSizes));
  AddFamily(out, "c5", kArchAmd64,
            Ratio(2, {{"large", 2}, {"xlarge", 4}, {"2xlarge", 8}, {"4xlarge", 16},
                      {"9xlarge", 36}, {"12xlarge", 48}, {"18xlarge", 72}, {"24xlarge", 96}}));
  for (const char* f : {"c6g", "c7g"}) AddFamily(out, f, kArchArm64, Ratio(2, kGravitonSizes));
  AddFamily(out, "r5", kArchAmd64, Ratio(8, kIntelSizes));
  AddFamily(out, "r6g", kArchArm64, Ratio(8, kGravitonSizes));
  // The local cloud: processes on this machine; sizes bound their resources.
  for (Size s : {Size{"small", 1, 1024}, Size{"medium", 2, 2048}, Size{"large", 4, 4096},
                 Size{"xlarge", 8, 8192}})
    out.push_back({std::string("local.") + s.size, "local", kArchAmd64, s.vcpus, s.memory_mib,
                   false, {}});
  return out;
}

}  // namespace

const std::vector<MachineType>& AllMachineTypes() {
  static const std::vector<MachineType> all = BuildCatalogue();
  return all;
}

std::optional<MachineType> FindMachineType(const std::string& name) {
  static const std::map<std::string, const MachineType*> index = [] {
    std::map<std::string, const MachineType*> m;
    for (const auto& t : AllMachineTypes()) m[t.name] = &t;
    return m;
  }();
  auto it = index.find(name);
  if (it == index.end()) return std::nullopt;
  return *it->second;
}

std::string MachineArchitecture(const std::string& name) {
  if (auto t = FindMachineType(name)) return t->architecture;
  std::string family = name.substr(0, name.find('.'));
  // Graviton families: a generation digit followed by 'g' (m6g, c7gn, r6gd, t4g, x2gd).
  for (size_t i = 0; i + 1 < family.size(); ++i)
    if (family[i] >= '0' && family[i] <= '9' && family[i + 1] == 'g') return kArchArm64;
  return kArchAmd64;
}

Result<std::string> DefaultMachineType(const std::string& cloud, MachineRole role) {
  if (cloud == "aws") return std::string(role == MachineRole::kBastion ? "t3.micro" : "t3.medium");
  if (cloud == "local")
    return std::string(role == MachineRole::kControlPlane ? "local.medium" : "local.small");
  return NotFound("no default machine type for cloud \"" + cloud +
                  "\"; pass --control-plane-size and --node-size");
}

}  // namespace kops::channels
