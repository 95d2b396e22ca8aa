// Terraform names as kops forms them from resource names.
#pragma once

#include <string>

namespace kops::terraform {

// kops' rule for resource, data source and output names: a name starting with a digit
// gets "prefix_" in front; then "." -> "-", "/" -> "--", ":" -> "_".
// "minimal.example.com" -> "minimal-example-com"; "::/0" -> "__--0".
std::string SanitizeName(const std::string& name);

// Path of a data file relative to the output directory, as kops names it:
// "data/<type>_<resource name>_<key>" (the resource name unsanitized).
std::string DataFilePath(const std::string& type, const std::string& name, const std::string& key);

}  // namespace kops::terraform
