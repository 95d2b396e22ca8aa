// IntOrString: Kubernetes' intstr (maxSurge: 1 or maxSurge: "25%").
#pragma once

#include <cstdint>
#include <string>

namespace kops::api {

struct IntOrString {
  bool is_string = false;
  int64_t int_value = 0;
  std::string string_value;

  static IntOrString Int(int64_t v) { return {false, v, ""}; }
  static IntOrString Str(std::string s) { return {true, 0, std::move(s)}; }
  std::string ToString() const { return is_string ? string_value : std::to_string(int_value); }
  bool operator==(const IntOrString&) const = default;
};

}  // namespace kops::api
