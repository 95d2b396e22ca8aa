// Encodes api structs to JSON with Go's `omitempty` rules, as kops serialises:
// empty strings, false, zero numbers, empty lists and maps are omitted; an optional
// (a Go pointer) is written whenever it is set, so `anonymousAuth: false` and
// `rbac: {}` survive; nested non-optional structs are always written.
// Internal to src/api.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "api/int_or_string.h"

namespace kops::api::codec {

using nlohmann::json;

template <class T>
std::optional<json> EncodeField(const T& value);
template <class T>
json EncodeAlways(const T& value);

struct EncodeVisitor {
  json* out;
  template <class T>
  void operator()(const char* name, const T& field) {
    if (auto j = EncodeField(field)) (*out)[name] = std::move(*j);
  }
};

template <class T>
json EncodeStruct(const T& value) {
  json out = json::object();
  EncodeVisitor v{&out};
  const_cast<T&>(value).Visit(v);
  return out;
}

template <class T>
json EncodeAlways(const T& value) {
  if constexpr (std::is_same_v<T, std::string>) {
    return value;
  } else if constexpr (std::is_same_v<T, bool>) {
    return value;
  } else if constexpr (std::is_arithmetic_v<T>) {
    return value;
  } else if constexpr (std::is_same_v<T, IntOrString>) {
    return value.is_string ? json(value.string_value) : json(value.int_value);
  } else if constexpr (std::is_same_v<T, std::map<std::string, std::string>>) {
    json out = json::object();
    for (const auto& [k, v] : value) out[k] = v;
    return out;
  } else if constexpr (requires { typename T::value_type; value.begin(); }) {
    json out = json::array();
    for (const auto& item : value) out.push_back(EncodeAlways(item));
    return out;
  } else {
    return EncodeStruct(value);
  }
}

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

template <class T>
std::optional<json> EncodeField(const T& value) {
  if constexpr (IsOptional<T>::value) {
    if (!value) return std::nullopt;
    return EncodeAlways(*value);
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (value.empty()) return std::nullopt;
    return json(value);
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!value) return std::nullopt;
    return json(true);
  } else if constexpr (std::is_arithmetic_v<T>) {
    if (value == 0) return std::nullopt;
    return json(value);
  } else if constexpr (std::is_same_v<T, IntOrString>) {
    return EncodeAlways(value);
  } else if constexpr (requires { value.empty(); }) {
    if (value.empty()) return std::nullopt;
    return EncodeAlways(value);
  } else {
    return EncodeStruct(value);
  }
}

}  // namespace kops::api::codec
