// Fields: the state of one resource as an insertion-ordered list of named Values.
// Field names are the task's own (kops style: "CIDR", "Tags", "VPC"); order is the
// order the task set them, which is the order printers show them.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/value.h"

namespace kops::engine {

class Fields {
 public:
  using Entry = std::pair<std::string, Value>;

  Fields() = default;
  Fields(std::initializer_list<Entry> entries);

  // Sets `name` to `value`. A name set twice keeps its first position and the last value.
  Fields& Set(std::string name, Value value);

  // The value of `name`, or nullptr when the field was never set.
  const Value* Find(std::string_view name) const;

  // Every Reference in every field, in field order.
  std::vector<Reference> References() const;

  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  std::vector<Entry>::const_iterator begin() const { return entries_.begin(); }
  std::vector<Entry>::const_iterator end() const { return entries_.end(); }

  bool operator==(const Fields& other) const = default;

 private:
  std::vector<Entry> entries_;
};

}  // namespace kops::engine
