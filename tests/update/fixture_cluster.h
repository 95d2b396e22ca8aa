// A kops update_cluster fixture (tests/fixtures/kops/update_cluster/<name>) created
// through the binary in a fresh file:// store under a temporary directory, with no AWS
// credentials anywhere, so `update cluster` renders offline. Header-only test helper.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support/run_command.h"

namespace kops::testing {

class FixtureCluster {
 public:
  // `tag` tells apart the directories of concurrent tests.
  FixtureCluster(std::string fixture, const std::string& tag)
      : fixture_(std::filesystem::path(KOPS_SOURCE_DIR) / "tests/fixtures/kops/update_cluster" /
                 fixture),
        dir_(std::filesystem::temp_directory_path() /
             ("kops-fixture-" + std::to_string(::getpid()) + "-" + tag + "-" + fixture)) {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    store_ = "file://" + (dir_ / "state").string();
  }
  ~FixtureCluster() { std::filesystem::remove_all(dir_); }

  // kops create -f <fixture without configBase>, and its SSH key when it has one.
  // "" on success, else what failed.
  std::string Create() {
    std::ifstream in(fixture_ / "in-v1alpha2.yaml");
    std::ofstream spec(dir_ / "in.yaml");
    bool in_cluster = false;
    for (std::string line; std::getline(in, line);) {
      if (line.find("configBase:") != std::string::npos) continue;
      if (line.starts_with("kind: ")) in_cluster = line == "kind: Cluster";
      if (in_cluster && name_.empty() && line.starts_with("  name: ")) name_ = line.substr(8);
      spec << line << "\n";
    }
    spec.close();
    CommandResult r = Kops({"create", "-f", (dir_ / "in.yaml").string()});
    if (r.exit_code != 0) return "create: " + r.err;
    if (std::filesystem::exists(fixture_ / "id_rsa.pub")) {
      r = Kops({"create", "sshpublickey", "--name", name_, "-i", (fixture_ / "id_rsa.pub").string()});
      if (r.exit_code != 0) return "create sshpublickey: " + r.err;
    }
    return "";
  }

  // Runs the binary with `args` and --state, without credentials.
  CommandResult Kops(std::vector<std::string> args) const {
    args.insert(args.begin(), KopsBinary());
    args.push_back("--state");
    args.push_back(store_);
    std::string none = (dir_ / "none").string();
    return RunCommand(args, {{"AWS_ACCESS_KEY_ID", ""},
                             {"AWS_SECRET_ACCESS_KEY", ""},
                             {"AWS_PROFILE", ""},
                             {"AWS_SHARED_CREDENTIALS_FILE", none},
                             {"AWS_CONFIG_FILE", none},
                             {"HOME", dir_.string()}});
  }

  const std::string& name() const { return name_; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path fixture_;
  std::filesystem::path dir_;
  std::string store_;
  std::string name_;
};

inline std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace kops::testing
