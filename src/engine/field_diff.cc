#include "engine/field_diff.h"

namespace kops::engine {

namespace {

bool ListsMatch(const Value::List& e, const Value::List& a, const ReferenceResolver& resolve) {
  if (e.size() != a.size()) return false;
  for (size_t i = 0; i < e.size(); ++i) {
    if (!ValuesMatch(e[i], a[i], resolve)) return false;
  }
  return true;
}

bool MapsMatch(const Value::Map& e, const Value::Map& a, const ReferenceResolver& resolve) {
  if (e.size() != a.size()) return false;
  auto ai = a.begin();
  for (const auto& [key, value] : e) {
    if (ai->first != key || !ValuesMatch(value, ai->second, resolve)) return false;
    ++ai;
  }
  return true;
}

// Like DiffFields: every set expected field must match; others are not compared.
bool ObjectsMatch(const Fields& e, const Fields& a, const ReferenceResolver& resolve) {
  for (const auto& [name, value] : e) {
    if (value.is_null()) continue;
    const Value* found = a.Find(name);
    if (!ValuesMatch(value, found ? *found : Value(), resolve)) return false;
  }
  return true;
}

}  // namespace

bool ValuesMatch(const Value& expected, const Value& actual, const ReferenceResolver& resolve) {
  if (expected == actual) return true;
  if (const auto* ref = expected.get_if<Reference>()) {
    const auto* s = actual.get_if<std::string>();
    if (!s || !resolve) return false;
    std::optional<std::string> resolved = resolve(*ref);
    return resolved && *resolved == *s;
  }
  if (const auto* e = expected.get_if<Value::List>()) {
    const auto* a = actual.get_if<Value::List>();
    return a && ListsMatch(*e, *a, resolve);
  }
  if (const auto* e = expected.get_if<Value::Map>()) {
    const auto* a = actual.get_if<Value::Map>();
    return a && MapsMatch(*e, *a, resolve);
  }
  if (const auto* e = expected.get_if<Fields>()) {
    const auto* a = actual.get_if<Fields>();
    return a && ObjectsMatch(*e, *a, resolve);
  }
  return false;
}

std::vector<FieldChange> DiffFields(const Fields& expected, const Fields& actual,
                                    const ReferenceResolver& resolve) {
  std::vector<FieldChange> changes;
  for (const auto& [name, value] : expected) {
    if (value.is_null()) continue;
    const Value* found = actual.Find(name);
    Value old_value = found ? *found : Value();
    if (ValuesMatch(value, old_value, resolve)) continue;
    changes.push_back({name, std::move(old_value), value});
  }
  return changes;
}

std::vector<FieldChange> CreationChanges(const Fields& expected) {
  std::vector<FieldChange> changes;
  for (const auto& [name, value] : expected) {
    if (!value.is_null()) changes.push_back({name, Value(), value});
  }
  return changes;
}

}  // namespace kops::engine
