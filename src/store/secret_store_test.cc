#include "store/secret_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace kops::store {
namespace {

// A fresh memfs:// URL per call, so tests stay independent under --gtest_repeat.
std::string UniqueUrl(const std::string& name) {
  static std::atomic<int> counter{0};
  return "memfs://secret-store-test-" + name + "-" + std::to_string(counter++);
}

std::unique_ptr<Vfs> Open(const std::string& name) { return OpenVfs(UniqueUrl(name)).value(); }

TEST(SecretStoreTest, TokensLookLikeKops) {
  std::string a = NewSecretToken(), b = NewSecretToken();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
  for (char c : a) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c))) << a;
}

TEST(SecretStoreTest, JsonIsGoEncodingOfDataBytes) {
  EXPECT_EQ(EncodeSecretJson(Secret{"abc"}), "{\"Data\":\"YWJj\"}");
  EXPECT_EQ(DecodeSecretJson("{\"Data\":\"YWJj\"}")->data, "abc");
  EXPECT_EQ(DecodeSecretJson("{\"Data\":null}")->data, "");
  EXPECT_EQ(DecodeSecretJson("not json").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(DecodeSecretJson("{\"Data\":\"***\"}").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(DecodeSecretJson("{\"Data\":5}").status().code(), Code::kInvalidArgument);
}

TEST(SecretStoreTest, EnsureCreatesOnceAtKopsPath) {
  auto vfs = Open("ensure");
  SecretStore store(*vfs, "ha.example.com");
  EXPECT_EQ(store.FindSecret("admin").status().code(), Code::kNotFound);
  auto first = store.EnsureSecret("admin");
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->data.size(), 32u);
  EXPECT_EQ(*store.EnsureSecret("admin"), *first);
  EXPECT_EQ(*store.FindSecret("admin"), *first);
  auto raw = vfs->Read("ha.example.com/secrets/admin");
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw->data, EncodeSecretJson(*first));

  ASSERT_TRUE(store.PutSecret("kube", Secret{"token"}).ok());
  EXPECT_EQ(*store.ListSecrets(), (std::vector<std::string>{"admin", "kube"}));
  EXPECT_EQ(store.FindSecret("../x").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(store.EnsureSecret("").status().code(), Code::kInvalidArgument);
}

TEST(SecretStoreTest, ConcurrentCreatorsAgree) {
  const std::string url = UniqueUrl("concurrent");
  constexpr int kThreads = 8;
  std::vector<std::string> results(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i)
    threads.emplace_back([&, i] {
      auto vfs = OpenVfs(url).value();
      SecretStore store(*vfs, "c.example.com");
      auto s = store.EnsureSecret("kube-proxy");
      if (s.ok()) results[i] = s->data;
    });
  for (auto& t : threads) t.join();
  for (const std::string& r : results) EXPECT_EQ(r, results[0]);
  EXPECT_EQ(results[0].size(), 32u);
}

}  // namespace
}  // namespace kops::store
