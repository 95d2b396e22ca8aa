// Decodes api structs from yaml-cpp nodes, strictly: an unknown field, a value of the
// wrong type or a malformed document is an error naming the source, the line, the
// field path and what is accepted. Internal to src/api (the only yaml-cpp user).
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "api/int_or_string.h"
#include "base/status.h"
#include "base/strings.h"

namespace kops::api::codec {

struct DecodeContext {
  std::string source;  // file name or "<stdin>"
  Status error;        // first error; decoding stops adding errors after it

  bool failed() const { return !error.ok(); }
  void Fail(const YAML::Node& node, const std::string& path, const std::string& what) {
    if (failed()) return;
    int line = node.Mark().line >= 0 ? node.Mark().line + 1 : 0;
    error = InvalidArgument(source + ":" + std::to_string(line) + ": field " + path + ": " + what);
  }
};

// Describes a scalar for messages: `"abc"`, a mapping, a sequence.
std::string DescribeNode(const YAML::Node& node);
// Parses a plain YAML 1.1 boolean (true/false in any common case).
std::optional<bool> ParseBool(const YAML::Node& node);
bool IsPlainScalar(const YAML::Node& node);
// True for plain scalars YAML reads as booleans or numbers (true, 10, 3.5).
bool LooksNonString(const std::string& scalar);

template <class T>
void Decode(const YAML::Node& node, T& out, const std::string& path, DecodeContext& ctx);

struct FieldCollector {
  std::vector<std::string> names;
  template <class T>
  void operator()(const char* name, T&) {
    names.emplace_back(name);
  }
};

struct DecodeVisitor {
  const YAML::Node* node;
  std::string path;
  DecodeContext* ctx;
  template <class T>
  void operator()(const char* name, T& field) {
    if (ctx->failed()) return;
    const YAML::Node child = (*node)[name];
    if (!child.IsDefined()) return;
    Decode(child, field, path.empty() ? name : path + "." + name, *ctx);
  }
};

template <class T>
void DecodeStruct(const YAML::Node& node, T& out, const std::string& path, DecodeContext& ctx,
                  const std::set<std::string>& also_allowed = {}) {
  if (node.IsNull()) return;
  if (!node.IsMap()) {
    ctx.Fail(node, path.empty() ? "(document)" : path, "expected an object, got " + DescribeNode(node));
    return;
  }
  FieldCollector known;
  out.Visit(known);
  std::set<std::string> accepted(known.names.begin(), known.names.end());
  for (auto it = node.begin(); it != node.end(); ++it) {
    std::string key = it->first.as<std::string>("");
    if (!accepted.count(key) && !also_allowed.count(key)) {
      std::string where = path.empty() ? key : path + "." + key;
      ctx.Fail(it->first, where,
               "unknown field \"" + key + "\"; accepted: " + Join(known.names, ", "));
      return;
    }
  }
  DecodeVisitor v{&node, path, &ctx};
  out.Visit(v);
}

template <class T>
struct IsOptionalT : std::false_type {};
template <class T>
struct IsOptionalT<std::optional<T>> : std::true_type {};
template <class T>
struct IsVectorT : std::false_type {};
template <class T>
struct IsVectorT<std::vector<T>> : std::true_type {};

template <class T>
void DecodeInteger(const YAML::Node& node, T& out, const std::string& path, DecodeContext& ctx) {
  long long v = 0;
  if (!IsPlainScalar(node) || !YAML::convert<long long>::decode(node, v) ||
      v < static_cast<long long>(std::numeric_limits<T>::min()) ||
      v > static_cast<long long>(std::numeric_limits<T>::max())) {
    ctx.Fail(node, path, "expected an integer, got " + DescribeNode(node));
    return;
  }
  out = static_cast<T>(v);
}

template <class T>
void Decode(const YAML::Node& node, T& out, const std::string& path, DecodeContext& ctx) {
  if (ctx.failed()) return;
  if constexpr (IsOptionalT<T>::value) {
    if (node.IsNull()) return;  // `field: null` or `field:` means unset
    typename T::value_type value{};
    Decode(node, value, path, ctx);
    out = std::move(value);
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!node.IsScalar()) {
      if (node.IsNull()) {
        out.clear();
        return;
      }
      ctx.Fail(node, path, "expected a string, got " + DescribeNode(node));
      return;
    }
    if (IsPlainScalar(node) && LooksNonString(node.Scalar()))
      return ctx.Fail(node, path, "expected a string, got " + DescribeNode(node) +
                                      " (quote it to make it a string)");
    out = node.Scalar();
  } else if constexpr (std::is_same_v<T, bool>) {
    auto b = ParseBool(node);
    if (!b) return ctx.Fail(node, path, "expected true or false, got " + DescribeNode(node));
    out = *b;
  } else if constexpr (std::is_integral_v<T>) {
    DecodeInteger(node, out, path, ctx);
  } else if constexpr (std::is_floating_point_v<T>) {
    double d = 0;
    if (!IsPlainScalar(node) || !YAML::convert<double>::decode(node, d))
      return ctx.Fail(node, path, "expected a number, got " + DescribeNode(node));
    out = static_cast<T>(d);
  } else if constexpr (std::is_same_v<T, IntOrString>) {
    long long v = 0;
    if (IsPlainScalar(node) && YAML::convert<long long>::decode(node, v)) {
      out = IntOrString::Int(v);
    } else if (node.IsScalar()) {
      out = IntOrString::Str(node.Scalar());
    } else {
      ctx.Fail(node, path, "expected an integer or a percentage, got " + DescribeNode(node));
    }
  } else if constexpr (std::is_same_v<T, std::map<std::string, std::string>>) {
    if (node.IsNull()) return;
    if (!node.IsMap()) return ctx.Fail(node, path, "expected a map of strings, got " + DescribeNode(node));
    for (auto it = node.begin(); it != node.end(); ++it) {
      std::string key = it->first.as<std::string>("");
      std::string value;
      Decode(it->second, value, path + "." + key, ctx);
      out[key] = value;
    }
  } else if constexpr (IsVectorT<T>::value) {
    if (node.IsNull()) return;
    if (!node.IsSequence()) return ctx.Fail(node, path, "expected a list, got " + DescribeNode(node));
    out.clear();
    for (size_t i = 0; i < node.size() && !ctx.failed(); ++i) {
      typename T::value_type item{};
      Decode(node[i], item, path + "[" + std::to_string(i) + "]", ctx);
      out.push_back(std::move(item));
    }
  } else {
    DecodeStruct(node, out, path, ctx);
  }
}

}  // namespace kops::api::codec
