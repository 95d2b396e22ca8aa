// Conversion of engine Values/Fields to HCL, following the rules in terraform_resource.h.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "base/status.h"
#include "engine/value.h"
#include "terraform/hcl.h"

namespace kops::terraform {

// Where a task key lives in Terraform: its type and sanitized name.
struct ResourceAddress {
  std::string type;
  std::string name;  // sanitized
  bool data_source = false;
  // "aws_vpc.minimal-example-com" or "data.aws_ami.x"
  std::string Prefix() const { return (data_source ? "data." : "") + type + "." + name; }
};

struct ConvertContext {
  // Address of the task with the given key; NotFound when the key is not rendered.
  std::function<Result<ResourceAddress>(const std::string& task_key)> address_of;
  // Stores a FileContent of `attribute` and returns the expression that reads it.
  // Unset: FileContent is an error.
  std::function<Result<Expr>(const std::string& attribute, const engine::FileContent&)> add_file;
};

// One value as an expression (objects are not allowed here: they are blocks).
Result<Expr> ToExpr(const engine::Value& value, const std::string& attribute,
                    const ConvertContext& ctx);

// A resource body: every non-null field, sorted by name with blocks among attributes.
Result<Body> ToBody(const engine::Fields& fields, const ConvertContext& ctx);

}  // namespace kops::terraform
