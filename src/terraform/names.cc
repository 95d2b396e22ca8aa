#include "terraform/names.h"

namespace kops::terraform {

std::string SanitizeName(const std::string& name) {
  std::string out;
  if (!name.empty() && name[0] >= '0' && name[0] <= '9') out = "prefix_";
  for (char c : name) {
    switch (c) {
      case '.': out += '-'; break;
      case '/': out += "--"; break;
      case ':': out += '_'; break;
      default: out += c;
    }
  }
  return out;
}

std::string DataFilePath(const std::string& type, const std::string& name, const std::string& key) {
  return "data/" + type + "_" + name + "_" + key;
}

}  // namespace kops::terraform
