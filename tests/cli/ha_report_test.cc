// `kops toolbox ha-report` through the binary, on the three examples of kops' HA docs
// (docs/operations/high_availability.md), created with `kops create cluster` in a file://
// state store: which zone losses break etcd quorum, and create cluster's verdict line.
#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "support/run_command.h"

namespace kops {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::KopsBinary;
using testing::RunCommand;
using Strings = std::vector<std::string>;

class HaReportE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("kops-ha-report-e2e-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  CommandResult Kops(std::vector<std::string> args) {
    args.insert(args.begin(), KopsBinary());
    args.push_back("--state");
    args.push_back("file://" + (dir_ / "state").string());
    return RunCommand(args);
  }

  // Creates the cluster with the given flags, then returns its report as JSON.
  nlohmann::json Report(const std::string& name, const Strings& flags, std::string* create_err = nullptr) {
    Strings args{"create", "cluster", "--cloud", "aws", "--node-count", "3", name};
    args.insert(args.end(), flags.begin(), flags.end());
    auto created = Kops(args);
    EXPECT_EQ(created.exit_code, 0) << created.err;
    if (create_err) *create_err = created.err;
    auto r = Kops({"toolbox", "ha-report", name, "-o", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }

  fs::path dir_;
};

Strings LostQuorumZones(const nlohmann::json& report) {
  Strings out;
  for (const auto& z : report["zones"])
    if (!z["quorumKept"].get<bool>()) out.push_back(z["zone"]);
  return out;
}

TEST_F(HaReportE2eTest, ThreeZonesOneControlPlaneEach) {
  std::string err;
  auto r = Report("ha1.example.com", {"--zones", "us-test-1a,us-test-1b,us-test-1c", "--control-plane-zones",
                                      "us-test-1a,us-test-1b,us-test-1c"},
                  &err);
  EXPECT_EQ(err.find("quorum"), std::string::npos) << err;  // nothing to warn of
  EXPECT_EQ(r["zonesBreakingQuorum"], nlohmann::json::array());
  EXPECT_EQ(LostQuorumZones(r), Strings{});
  ASSERT_EQ(r["zones"].size(), 3u);
  for (const auto& z : r["zones"]) {
    EXPECT_TRUE(z["apiReachable"].get<bool>()) << z.dump();
    EXPECT_EQ(z["etcd"][0]["cluster"], "main");
    EXPECT_EQ(z["etcd"][0]["left"], 2);
    EXPECT_EQ(z["etcd"][1]["cluster"], "events");
    EXPECT_EQ(z["nodeCapacity"]["vcpusLeft"].get<int>() * 3, z["nodeCapacity"]["vcpusTotal"].get<int>() * 2);
  }
  EXPECT_EQ(r["instances"].size(), 3u);
  EXPECT_EQ(r["findings"], nlohmann::json::array());
  EXPECT_EQ(r["suggestions"], nlohmann::json::array());
}

TEST_F(HaReportE2eTest, ThreeControlPlanesInTwoZones) {
  std::string err;
  auto r = Report("ha2.k8s.local", {"--control-plane-count", "3", "--zones", "us-test-1a,us-test-1b",
                                    "--control-plane-zones", "us-test-1a,us-test-1b"},
                  &err);
  EXPECT_NE(err.find("etcd quorum: losing zone us-test-1a (2 of 3 members) would break quorum"), std::string::npos)
      << err;
  EXPECT_EQ(r["zonesBreakingQuorum"], nlohmann::json(Strings{"us-test-1a"}));
  EXPECT_EQ(LostQuorumZones(r), Strings{"us-test-1a"});
  EXPECT_FALSE(r["zones"][0]["apiReachable"].get<bool>());
  EXPECT_TRUE(r["zones"][1]["apiReachable"].get<bool>());
  for (const auto& i : r["instances"]) EXPECT_TRUE(i["quorumKept"].get<bool>()) << i.dump();
  ASSERT_EQ(r["suggestions"].size(), 1u);
  const auto& steps = r["suggestions"][0]["steps"];
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0]["action"], "add-zone");
  EXPECT_EQ(steps[0]["zone"], "us-test-1c");
  EXPECT_EQ(steps[1]["action"], "move");
  EXPECT_EQ(steps[1]["instanceGroup"], "control-plane-us-test-1a-2");
  EXPECT_EQ(steps[1]["zone"], "us-test-1c");
}

TEST_F(HaReportE2eTest, SingleControlPlane) {
  auto r = Report("ha3.example.com", {"--zones", "us-test-1a,us-test-1b,us-test-1c"});
  EXPECT_EQ(r["controlPlanes"], 1);
  EXPECT_EQ(r["zonesBreakingQuorum"], nlohmann::json(Strings{"us-test-1a"}));
  EXPECT_EQ(LostQuorumZones(r), Strings{"us-test-1a"});
  ASSERT_EQ(r["instances"].size(), 1u);
  EXPECT_FALSE(r["instances"][0]["apiReachable"].get<bool>());
  EXPECT_EQ(r["findings"][0]["kind"], "SingleControlPlane");
}

TEST_F(HaReportE2eTest, TableAndYamlAndErrors) {
  ASSERT_EQ(Kops({"create", "cluster", "--cloud", "aws", "--zones", "us-test-1a,us-test-1b", "--control-plane-count",
                  "3", "--control-plane-zones", "us-test-1a,us-test-1b", "t.example.com"})
                .exit_code,
            0);
  auto table = Kops({"toolbox", "ha-report", "t.example.com"});
  EXPECT_EQ(table.exit_code, 0) << table.err;  // a report: findings do not fail it
  EXPECT_NE(table.out.find("ZONE LOSSES"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("LOST (1 of 3 left)"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("a third zone is needed, e.g. us-test-1c"), std::string::npos) << table.out;
  auto yaml = Kops({"toolbox", "ha-report", "t.example.com", "-o", "yaml"});
  EXPECT_EQ(yaml.exit_code, 0) << yaml.err;
  EXPECT_NE(yaml.out.find("zonesBreakingQuorum:"), std::string::npos) << yaml.out;

  auto missing = Kops({"toolbox", "ha-report", "nope.example.com", "-o", "json"});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_EQ(missing.out, "");
  EXPECT_NE(missing.err.find("nope.example.com"), std::string::npos) << missing.err;
  auto bad = Kops({"toolbox", "ha-report", "t.example.com", "-o", "xml"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("xml"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace kops
