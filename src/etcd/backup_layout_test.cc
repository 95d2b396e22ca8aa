#include "etcd/backup_layout.h"

#include <gtest/gtest.h>

#include "etcd/backup_gzip.h"
#include "etcd/snapshot_stream.h"
#include "base/base64.h"

namespace kops::etcd {
namespace {

WallTime At(int64_t unix) { return WallTime{} + std::chrono::seconds(unix); }

TEST(BackupLayoutTest, NamesAreEtcdManagersRfc3339WithSequence) {
  // 2019-05-07T18:28:01Z, the example of etcd-manager-ctl's help.
  EXPECT_EQ(BackupName(At(1557253681), 977), "2019-05-07T18:28:01Z-000977");
  EXPECT_EQ(BackupName(At(1557253681), 1000001), "2019-05-07T18:28:01Z-000001");
  auto t = ParseBackupName("2019-05-07T18:28:01Z-000977");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(*t, At(1557253681));
}

TEST(BackupLayoutTest, RejectsNamesThatAreNotBackups) {
  for (const char* bad : {"", "..", "2019-05-07T18:28:01Z", "2019-05-07T18:28:01Z-00097x",
                          "2019-13-07T18:28:01Z-000001", "../etc/2019-05-07T18:28:01Z-0001",
                          "2019-05-07 18:28:01Z-000977"}) {
    EXPECT_FALSE(ParseBackupName(bad).has_value()) << bad;
    Status st = CheckBackupName(bad);
    EXPECT_EQ(st.code(), Code::kInvalidArgument) << bad;
  }
  EXPECT_NE(CheckBackupName("nope").message().find("\"nope\""), std::string::npos);
}

TEST(BackupLayoutTest, BackupInfoIsProtojsonShaped) {
  BackupInfo info{"3.4.23", 1557253681, {3, "3.4.23"}};
  std::string json = EncodeBackupInfo(info);
  EXPECT_NE(json.find("\"etcdVersion\": \"3.4.23\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"timestamp\": \"1557253681\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"memberCount\": 3"), std::string::npos) << json;
  auto back = DecodeBackupInfo(json);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->etcd_version, "3.4.23");
  EXPECT_EQ(back->timestamp, 1557253681);
  EXPECT_EQ(back->cluster_spec.member_count, 3);
  // As etcd-manager writes it (numbers as strings or numbers both read).
  auto go = DecodeBackupInfo(R"({"etcdVersion":"3.5.9","timestamp":1700000000,
                                 "clusterSpec":{"memberCount":1,"etcdVersion":"3.5.9"}})");
  ASSERT_TRUE(go.ok());
  EXPECT_EQ(go->timestamp, 1700000000);
  EXPECT_EQ(DecodeBackupInfo(R"({"timestamp":"1"})").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(DecodeBackupInfo("not json").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(DecodeBackupInfo(R"({"etcdVersion":"3.4","timestamp":"x1"})").status().code(),
            Code::kInvalidArgument);
}

TEST(BackupLayoutTest, RestoreCommandRoundTripsAndOtherCommandsAreNotFound) {
  RestoreCommand c{1557253681000000000, "2019-05-07T18:28:01Z-000977", {3, "3.4.23"}};
  std::string json = EncodeRestoreCommand(c);
  EXPECT_NE(json.find("\"restoreBackup\""), std::string::npos);
  auto back = DecodeRestoreCommand(json);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->backup, c.backup);
  EXPECT_EQ(back->timestamp_ns, c.timestamp_ns);
  EXPECT_EQ(back->cluster_spec.member_count, 3);
  EXPECT_EQ(DecodeRestoreCommand(R"({"timestamp":"5"})").status().code(), Code::kNotFound);
  EXPECT_EQ(DecodeRestoreCommand(R"({"restoreBackup":{"backup":"../x"}})").status().code(),
            Code::kInvalidArgument);
}

TEST(BackupGzipTest, RoundTripsAndRejectsTruncation) {
  std::string data;
  for (int i = 0; i < 20000; ++i) data += "key-" + std::to_string(i) + "\n";
  std::string gz = GzipCompress(data);
  ASSERT_GE(gz.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1f);  // the gzip magic
  EXPECT_EQ(static_cast<unsigned char>(gz[1]), 0x8b);
  EXPECT_LT(gz.size(), data.size());
  auto back = GzipDecompress(gz);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, data);
  EXPECT_EQ(GzipDecompress(gz.substr(0, gz.size() / 2)).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(GzipDecompress("plain").status().code(), Code::kInvalidArgument);
}

TEST(SnapshotStreamTest, ConcatenatesBlobsUntilNothingRemains) {
  std::string body = R"({"result":{"header":{},"remaining_bytes":"3","blob":")" +
                     Base64Encode("abc") + "\"}}\n" + R"({"result":{"remaining_bytes":"0","blob":")" +
                     Base64Encode("def") + "\"}}\n";
  auto data = DecodeSnapshotStream(body);
  ASSERT_TRUE(data.ok()) << data.status().message();
  EXPECT_EQ(*data, "abcdef");
}

TEST(SnapshotStreamTest, CutOrFailedStreamsAreErrors) {
  std::string first = R"({"result":{"remaining_bytes":"3","blob":")" + Base64Encode("abc") + "\"}}\n";
  EXPECT_EQ(DecodeSnapshotStream(first).status().code(), Code::kUnavailable);
  auto failed = DecodeSnapshotStream(first + R"({"error":{"grpc_code":14,"message":"boom"}})");
  EXPECT_EQ(failed.status().code(), Code::kUnavailable);
  EXPECT_NE(failed.status().message().find("boom"), std::string::npos);
  EXPECT_EQ(DecodeSnapshotStream("<html>").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(DecodeSnapshotStream("").status().code(), Code::kUnavailable);
}

}  // namespace
}  // namespace kops::etcd
