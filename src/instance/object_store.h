// ObjectStore: where the API stand-in keeps objects (etcd main, /registry/...). Values are
// JSON texts; the revision of an object is etcd's mod_revision, which the API reports as
// metadata.resourceVersion. Implementations: EtcdObjectStore, FakeObjectStore (tests).
//
// Errors: kNotFound, kAlreadyExists (create), kConflict (revision mismatch),
// kUnavailable when the store cannot commit or read linearizably (lost quorum).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace kops::instance {

struct StoredObject {
  std::string key;
  std::string value;
  int64_t revision = 0;
};

struct ObjectList {
  std::vector<StoredObject> items;  // sorted by key
  int64_t revision = 0;             // the store revision the list was read at
};

class ObjectStore {
 public:
  virtual ~ObjectStore() = default;
  virtual Result<StoredObject> Get(const std::string& key) = 0;
  virtual Result<ObjectList> List(const std::string& prefix) = 0;
  // Returns the new revision. kAlreadyExists when the key exists.
  virtual Result<int64_t> Create(const std::string& key, const std::string& value) = 0;
  // expected_revision 0: unconditional, but the key must exist (kNotFound otherwise).
  virtual Result<int64_t> Update(const std::string& key, const std::string& value,
                                 int64_t expected_revision) = 0;
  virtual Status Delete(const std::string& key) = 0;
  // OK when a linearizable read succeeds (the store has quorum).
  virtual Status Ready() = 0;
};

}  // namespace kops::instance
