#include "engine/value.h"

namespace kops::engine {

Fields::Fields(std::initializer_list<Entry> entries) {
  for (const auto& [name, value] : entries) Set(name, value);
}

Fields& Fields::Set(std::string name, Value value) {
  for (auto& entry : entries_) {
    if (entry.first == name) {
      entry.second = std::move(value);
      return *this;
    }
  }
  entries_.emplace_back(std::move(name), std::move(value));
  return *this;
}

const Value* Fields::Find(std::string_view name) const {
  for (const auto& entry : entries_) {
    if (entry.first == name) return &entry.second;
  }
  return nullptr;
}

bool Fields::operator==(const Fields& other) const { return entries_ == other.entries_; }

std::vector<Reference> Fields::References() const {
  std::vector<Reference> out;
  for (const auto& entry : entries_) entry.second.CollectReferences(&out);
  return out;
}

}  // namespace kops::engine
