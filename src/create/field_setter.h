// Generic field setter over the api structs' Visit(v) methods: walks a path of JSON
// field names ("spec", "addons[0]", "manifest") and sets (or resets) the field at its
// end from a string, as kops' reflectutils.SetString does: a list of strings takes
// comma-separated values, a map takes k=v pairs separated by commas, booleans and
// numbers are parsed, an index equal to a list's length appends an element, optional
// structs on the way are created.
#pragma once

#include <charconv>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "api/int_or_string.h"
#include "base/status.h"
#include "base/strings.h"

namespace kops::create::setter {

struct Segment {
  std::string name;
  int index = -1;  // "addons[0]" -> 0; -1 when not indexed
};

struct Target {
  std::vector<Segment> path;
  std::string text;   // the path as written, for messages
  std::string value;
  bool unset = false;
};

// Parses "spec.addons[0].manifest"; InvalidArgument naming the path when malformed.
Result<std::vector<Segment>> ParsePath(const std::string& path);

struct NoopVisitor {
  template <class T>
  void operator()(const char*, T&) {}
};

template <class T>
concept Visitable = requires(T& t, NoopVisitor& v) { t.Visit(v); };

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};

struct NameCollector {
  std::vector<std::string> names;
  template <class T>
  void operator()(const char* name, T&) {
    names.emplace_back(name);
  }
};

template <class T>
Status Apply(T& field, const Target& t, size_t pos, bool index_done);

template <class T>
Status ParseScalar(const Target& t, T& out) {
  auto bad = [&](const std::string& what) {
    return InvalidArgument("cannot set " + t.text + " to \"" + t.value + "\": expected " + what);
  };
  const std::string& v = t.value;
  if constexpr (std::is_same_v<T, std::string>) {
    out = v;
  } else if constexpr (std::is_same_v<T, bool>) {
    if (v == "true" || v == "True" || v == "TRUE" || v == "1") {
      out = true;
    } else if (v == "false" || v == "False" || v == "FALSE" || v == "0") {
      out = false;
    } else {
      return bad("true or false");
    }
  } else if constexpr (std::is_integral_v<T>) {
    T n{};
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size()) return bad("an integer");
    out = n;
  } else if constexpr (std::is_floating_point_v<T>) {
    try {
      size_t used = 0;
      out = static_cast<T>(std::stod(v, &used));
      if (used != v.size()) return bad("a number");
    } catch (...) {
      return bad("a number");
    }
  } else if constexpr (std::is_same_v<T, api::IntOrString>) {
    long long n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    out = (!v.empty() && ec == std::errc() && end == v.data() + v.size())
              ? api::IntOrString::Int(n)
              : api::IntOrString::Str(v);
  } else {
    return bad("an object's fields (set them one by one, e.g. " + t.text + ".field=value)");
  }
  return Status::Ok();
}

template <class T>
struct FieldVisitor {
  const Target* t;
  size_t pos;
  bool found = false;
  Status status;
  template <class F>
  void operator()(const char* name, F& field) {
    if (found || t->path[pos].name != name) return;
    found = true;
    status = Apply(field, *t, pos, false);
  }
};

template <class T>
Status ApplyStruct(T& obj, const Target& t, size_t pos) {
  FieldVisitor<T> v{&t, pos};
  obj.Visit(v);
  if (v.found) return v.status;
  NameCollector names;
  obj.Visit(names);
  std::string where;
  for (size_t i = 0; i < pos; ++i) where += (i ? "." : "") + t.path[i].name;
  return InvalidArgument("unknown field \"" + t.path[pos].name + "\" in " + t.text +
                         (where.empty() ? "" : " (under " + where + ")") +
                         "; accepted: " + Join(names.names, ", "));
}

template <class T>
Status Apply(T& field, const Target& t, size_t pos, bool index_done) {
  const Segment& seg = t.path[pos];
  const bool last = pos + 1 == t.path.size();
  if constexpr (IsOptional<T>::value) {
    if (t.unset && last && (seg.index < 0 || index_done)) {
      field.reset();
      return Status::Ok();
    }
    if (!field) field.emplace();
    return Apply(*field, t, pos, index_done);
  } else if constexpr (IsVector<T>::value) {
    using E = typename T::value_type;
    if (seg.index >= 0 && !index_done) {
      if (seg.index > static_cast<int>(field.size()))
        return InvalidArgument("index " + std::to_string(seg.index) + " of " + seg.name +
                               " in " + t.text + " is out of range (the list has " +
                               std::to_string(field.size()) + " elements)");
      if (seg.index == static_cast<int>(field.size())) field.emplace_back();
      if (t.unset && last) {
        field.erase(field.begin() + seg.index);
        return Status::Ok();
      }
      return Apply(field[seg.index], t, pos, true);
    }
    if (!last)
      return InvalidArgument(t.text + ": " + seg.name + " is a list; index it, e.g. " +
                             seg.name + "[0]");
    if (t.unset) {
      field.clear();
      return Status::Ok();
    }
    field.clear();
    for (const std::string& part : Split(t.value, ',')) {
      E e{};
      Target one = t;
      one.value = part;
      RETURN_IF_ERROR(ParseScalar(one, e));
      field.push_back(std::move(e));
    }
    return Status::Ok();
  } else if constexpr (std::is_same_v<T, std::map<std::string, std::string>>) {
    if (!last) {
      // "featureGates.Foo=true": one key of the map.
      if (pos + 2 != t.path.size())
        return InvalidArgument(t.text + ": " + seg.name + " is a map of strings");
      const std::string& key = t.path[pos + 1].name;
      if (t.unset) {
        field.erase(key);
      } else {
        field[key] = t.value;
      }
      return Status::Ok();
    }
    field.clear();
    if (t.unset) return Status::Ok();
    for (const std::string& kv : SplitNonEmpty(t.value, ',')) {
      size_t eq = kv.find('=');
      if (eq == std::string::npos)
        return InvalidArgument("cannot set " + t.text + " to \"" + t.value +
                               "\": expected key=value pairs separated by commas");
      field[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    return Status::Ok();
  } else if constexpr (Visitable<T>) {
    if (last) {
      if (t.unset) {
        field = T{};
        return Status::Ok();
      }
      return InvalidArgument("cannot set " + t.text + " to \"" + t.value +
                             "\": it is an object; set its fields one by one");
    }
    return ApplyStruct(field, t, pos + 1);
  } else {
    if (!last)
      return InvalidArgument(t.text + ": " + seg.name + " has no fields (it is a single value)");
    if (t.unset) {
      field = T{};
      return Status::Ok();
    }
    return ParseScalar(t, field);
  }
}

// Sets (or unsets) the field of root at t.path, where path[0] names root itself
// ("spec..." is root's "spec" field; the caller strips "cluster."/"instancegroup.").
template <class Root>
Status SetField(Root& root, const Target& t) {
  if (t.path.empty()) return InvalidArgument("empty field path in " + t.text);
  return ApplyStruct(root, t, 0);
}

}  // namespace kops::create::setter
