#include "engine/value.h"

namespace kops::engine {

Value Value::Strings(const std::vector<std::string>& items) {
  List list;
  list.reserve(items.size());
  for (const auto& s : items) list.emplace_back(s);
  return Value(std::move(list));
}

std::string NameOfKey(const std::string& key) {
  size_t slash = key.find('/');
  return slash == std::string::npos ? key : key.substr(slash + 1);
}

namespace {

std::string ListToString(const Value::List& list) {
  std::string out = "[";
  for (size_t i = 0; i < list.size(); ++i) {
    if (i) out += ", ";
    out += list[i].ToString();
  }
  return out + "]";
}

std::string MapToString(const Value::Map& map) {
  std::string out = "{";
  bool first = true;
  for (const auto& [k, v] : map) {
    if (!first) out += ", ";
    first = false;
    out += k + ": " + v.ToString();
  }
  return out + "}";
}

std::string ObjectToString(const Fields& object) {
  std::string out = "{";
  bool first = true;
  for (const auto& [k, v] : object) {
    if (v.is_null()) continue;
    if (!first) out += ", ";
    first = false;
    out += k + ": " + v.ToString();
  }
  return out + "}";
}

std::string ReferenceToString(const Reference& ref) {
  std::string out = "name:" + NameOfKey(ref.task);
  if (ref.attribute != "id") out += "." + ref.attribute;
  return out;
}

}  // namespace

std::string Value::ToString() const {
  switch (type()) {
    case Type::kNull:
      return "<nil>";
    case Type::kString:
      return *get_if<std::string>();
    case Type::kInt:
      return std::to_string(*get_if<int64_t>());
    case Type::kBool:
      return *get_if<bool>() ? "true" : "false";
    case Type::kList:
      return ListToString(*get_if<List>());
    case Type::kMap:
      return MapToString(*get_if<Map>());
    case Type::kObject:
      return ObjectToString(*get_if<Fields>());
    case Type::kReference:
      return ReferenceToString(*get_if<Reference>());
    case Type::kFile:
      return "<resource>";
  }
  return "<nil>";
}

void Value::CollectReferences(std::vector<Reference>* out) const {
  if (const auto* ref = get_if<Reference>()) {
    out->push_back(*ref);
  } else if (const auto* list = get_if<List>()) {
    for (const auto& v : *list) v.CollectReferences(out);
  } else if (const auto* map = get_if<Map>()) {
    for (const auto& [k, v] : *map) v.CollectReferences(out);
  } else if (const auto* object = get_if<Fields>()) {
    for (const auto& [k, v] : *object) v.CollectReferences(out);
  }
}

}  // namespace kops::engine
