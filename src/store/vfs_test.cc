#include "store/vfs.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

namespace kops::store {
namespace {

// Runs every test against file:// and memfs://.
class VfsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (char& c : name)
      if (c == '/') c = '_';
    if (GetParam() == "file") {
      dir_ = std::filesystem::temp_directory_path() /
             ("kops-vfs-" + std::to_string(::getpid()) + "-" + name);
      std::filesystem::remove_all(dir_);
      url_ = "file://" + dir_.string();
    } else {
      url_ = "memfs://vfs-test-" + name;
    }
    auto vfs = OpenVfs(url_);
    ASSERT_TRUE(vfs.ok()) << vfs.status().message();
    vfs_ = std::move(*vfs);
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  std::string url_;
  std::filesystem::path dir_;
  std::unique_ptr<Vfs> vfs_;
};

TEST_P(VfsTest, WriteReadListDelete) {
  ASSERT_TRUE(vfs_->Write("c/config", "spec").ok());
  ASSERT_TRUE(vfs_->Write("c/instancegroup/nodes", "ig").ok());
  ASSERT_TRUE(vfs_->Write("other/config", "x").ok());
  EXPECT_EQ(vfs_->Read("c/config")->data, "spec");
  EXPECT_EQ(*vfs_->List("c/"), (std::vector<std::string>{"c/config", "c/instancegroup/nodes"}));
  ASSERT_TRUE(vfs_->Delete("c/config").ok());
  EXPECT_EQ(vfs_->Read("c/config").status().code(), Code::kNotFound);
  EXPECT_TRUE(vfs_->Delete("c/config").ok());  // deleting twice is fine
}

TEST_P(VfsTest, ConditionalWritesDetectConcurrentChanges) {
  auto v1 = vfs_->Write("c/config", "one", WriteCondition::MustNotExist());
  ASSERT_TRUE(v1.ok());
  EXPECT_EQ(vfs_->Write("c/config", "dup", WriteCondition::MustNotExist()).status().code(),
            Code::kAlreadyExists);
  auto read = vfs_->Read("c/config");
  ASSERT_TRUE(read.ok());
  // Someone else changes it between our read and our write.
  ASSERT_TRUE(vfs_->Write("c/config", "theirs").ok());
  auto mine = vfs_->Write("c/config", "mine", WriteCondition::MustMatch(read->version));
  EXPECT_EQ(mine.status().code(), Code::kConflict);
  EXPECT_EQ(vfs_->Read("c/config")->data, "theirs");
}

TEST_P(VfsTest, ConcurrentReadModifyWriteLosesNoUpdate) {
  ASSERT_TRUE(vfs_->Write("counter", "0").ok());
  constexpr int kThreads = 4, kIncrements = 25;
  std::vector<std::thread> threads;
  std::atomic<int> conflicts{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      auto vfs = OpenVfs(url_);
      for (int i = 0; i < kIncrements;) {
        auto cur = (*vfs)->Read("counter");
        int n = std::stoi(cur->data);
        auto w = (*vfs)->Write("counter", std::to_string(n + 1), WriteCondition::MustMatch(cur->version));
        if (w.ok()) {
          ++i;
        } else {
          ASSERT_EQ(w.status().code(), Code::kConflict);
          ++conflicts;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(vfs_->Read("counter")->data, std::to_string(kThreads * kIncrements));
}

TEST_P(VfsTest, ReadersNeverSeeAPartialObject) {
  const std::string a(200000, 'a'), b(200000, 'b');
  ASSERT_TRUE(vfs_->Write("big", a).ok());
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int i = 0; i < 40; ++i) ASSERT_TRUE(vfs_->Write("big", i % 2 ? a : b).ok());
    done = true;
  });
  auto reader = OpenVfs(url_);
  int reads = 0;
  while (!done || reads < 5) {
    auto r = (*reader)->Read("big");
    ASSERT_TRUE(r.ok());
    ASSERT_TRUE(r->data == a || r->data == b) << "partial read of " << r->data.size() << " bytes";
    ++reads;
    if (reads > 100000) break;
  }
  writer.join();
}

INSTANTIATE_TEST_SUITE_P(Schemes, VfsTest, ::testing::Values("file", "memfs"));

TEST(OpenVfsTest, RejectsUnknownSchemesNamingTheAccepted) {
  auto r = OpenVfs("gs://bucket");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("gs://bucket"), std::string::npos);
  EXPECT_NE(r.status().message().find("file://"), std::string::npos);
  EXPECT_EQ(OpenVfs("file://relative").status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace kops::store
