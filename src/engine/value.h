// Value: the generic value of one task field, so printers (dry-run) and writers
// (terraform) can handle any task without knowing its type.
//
// A Value is one of: null (unset: "don't care" in an expected state), string, integer,
// bool, list, map (free-form keys, sorted: tags, labels), a nested object (Fields: a
// fixed structure in field order, which terraform writes as a nested block and a list
// of which as repeated blocks), a Reference to another task's output, or a FileContent
// (a document such as user-data or a policy, which terraform writes to a separate file
// and dry-run shows as a line diff).
//
// Fields: the state of one resource (or nested object) as an insertion-ordered list
// of named Values. Field names are the task's own (kops style: "CIDR", "Tags", "VPC");
// order is the order the task set them, which is the order printers show them.
#pragma once

#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace kops::engine {

// A pointer to an output of another task in the same graph, e.g. the id of a VPC.
// Terraform renders it as an interpolation ("${aws_vpc.ha-example-com.id}"); a direct
// target resolves it through Context::Resolve once the referenced task has published
// the attribute. A field holding a Reference makes its task depend on the referenced one.
struct Reference {
  std::string task;              // key of the referenced task: "Kind/name"
  std::string attribute = "id";  // which published output of that task
  bool operator==(const Reference&) const = default;
};

// The contents of a file-like field (text or bytes), carried inline.
struct FileContent {
  std::string contents;
  bool operator==(const FileContent&) const = default;
};

class Value;

class Fields {
 public:
  using Entry = std::pair<std::string, Value>;

  Fields() = default;
  Fields(std::initializer_list<Entry> entries);

  // Sets `name` to `value`. A name set twice keeps its first position and the last value.
  Fields& Set(std::string name, Value value);

  // The value of `name`, or nullptr when the field was never set.
  const Value* Find(std::string_view name) const;

  // Every Reference in every field (recursively), in field order.
  std::vector<Reference> References() const;

  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  std::vector<Entry>::const_iterator begin() const { return entries_.begin(); }
  std::vector<Entry>::const_iterator end() const { return entries_.end(); }

  bool operator==(const Fields& other) const;

 private:
  std::vector<Entry> entries_;
};

class Value {
 public:
  using List = std::vector<Value>;
  using Map = std::map<std::string, Value>;
  enum class Type { kNull, kString, kInt, kBool, kList, kMap, kObject, kReference, kFile };

  Value() = default;                            // null
  Value(std::string s) : v_(std::move(s)) {}    // NOLINT: implicit by design
  Value(const char* s) : v_(std::string(s)) {}  // NOLINT
  Value(bool b) : v_(b) {}                      // NOLINT
  template <std::integral I>
  requires(!std::same_as<I, bool>) Value(I i) : v_(static_cast<int64_t>(i)) {}  // NOLINT
  Value(List l) : v_(std::move(l)) {}                                           // NOLINT
  Value(Map m) : v_(std::move(m)) {}                                            // NOLINT
  Value(Fields o) : v_(std::move(o)) {}       // NOLINT: a nested object
  Value(Reference r) : v_(std::move(r)) {}    // NOLINT
  Value(FileContent f) : v_(std::move(f)) {}  // NOLINT

  // Reference to output `attribute` of the task with key `task_key`.
  static Value Ref(std::string task_key, std::string attribute = "id") {
    return Value(Reference{std::move(task_key), std::move(attribute)});
  }
  static Value File(std::string contents) { return Value(FileContent{std::move(contents)}); }
  // A list of strings, the most common list.
  static Value Strings(const std::vector<std::string>& items);

  Type type() const { return static_cast<Type>(v_.index()); }
  bool is_null() const { return type() == Type::kNull; }

  // The held alternative, or nullptr when the value holds another type. T is one of
  // std::string, int64_t, bool, List, Map, Fields (object), Reference, FileContent.
  template <typename T>
  const T* get_if() const {
    return std::get_if<T>(&v_);
  }

  // Human-readable form, as kops prints task fields: "<nil>", strings raw, "[a, b]",
  // "{k: v, k2: v2}" (maps sorted; objects in field order, null fields left out),
  // references "name:<task name>" (".<attribute>" unless "id"), files "<resource>".
  std::string ToString() const;

  // Every Reference inside this value (recursing into lists, maps, objects), in order.
  void CollectReferences(std::vector<Reference>* out) const;

  bool operator==(const Value& other) const { return v_ == other.v_; }

 private:
  std::variant<std::monostate, std::string, int64_t, bool, List, Map, Fields, Reference,
               FileContent>
      v_;
};

// The "name" part of a task key "Kind/name" (the whole key when it has no '/').
std::string NameOfKey(const std::string& key);

}  // namespace kops::engine
