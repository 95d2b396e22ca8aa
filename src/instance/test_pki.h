// Test helper: a memfs keystore with a fresh kubernetes-ca, and certificates from it.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "instance/pem_issue.h"
#include "store/keystore.h"
#include "store/vfs.h"

namespace kops::instance::testing {

struct TestKeystore {
  std::unique_ptr<store::Vfs> vfs;
  std::unique_ptr<store::Keystore> keystore;

  TestKeystore() {
    static std::atomic<int> n{0};
    vfs = std::move(store::OpenVfs("memfs://instance-test-" + std::to_string(::getpid()) + "-" +
                                   std::to_string(n++)))
              .value();
    keystore = std::make_unique<store::Keystore>(*vfs, "test.local");
  }
};

}  // namespace kops::instance::testing
