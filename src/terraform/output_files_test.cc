#include "terraform/output_files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file_util.h"

namespace kops::terraform {
namespace {

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/output_files_test-" + std::to_string(::getpid()) + "-" + name;
}

ino_t Inode(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_ino;
}

TEST(OutputFiles, WritesNewAndChangedFilesAndLeavesSameContentAlone) {
  std::string path = TempPath("a.tf");
  ASSERT_TRUE(WriteOutputFile(path, "one\n").ok());
  EXPECT_EQ(*ReadFile(path), "one\n");
  ino_t first = Inode(path);
  ASSERT_TRUE(WriteOutputFile(path, "one\n").ok());
  EXPECT_EQ(Inode(path), first);  // not rewritten (a rewrite renames a new file in)
  ASSERT_TRUE(WriteOutputFile(path, "two\n").ok());
  EXPECT_EQ(*ReadFile(path), "two\n");
  ASSERT_TRUE(WriteOutputFile(path, "").ok());
  EXPECT_EQ(*ReadFile(path), "");
  EXPECT_FALSE(PathExists(path + ".tmp"));
  ::unlink(path.c_str());
}

TEST(OutputFiles, MissingDirectoryIsAnError) {
  EXPECT_FALSE(WriteOutputFile(TempPath("no/such/dir/a.tf"), "x").ok());
}

}  // namespace
}  // namespace kops::terraform
