// TerraformResource: what a task implements (alongside engine::Task) so the Terraform
// target can write it. The target finds it with dynamic_cast on the rendered task.
//
// TerraformAttributes() are the resource's Terraform arguments as engine Fields with
// Terraform's own names ("cidr_block", "tags"), converted as follows:
//   null -> left out;  string/int/bool -> literal;  Map -> map (keys sorted, quoted);
//   List of scalars -> list;  Fields (object) -> nested block;  List of Fields ->
//   repeated blocks in list order;  Reference -> "<type>.<sanitized name>.<attribute>"
//   of the referenced task (which must be rendered by the same target);
//   FileContent -> file("${path.module}/data/<type>_<name>_<key>") with the contents
//   written there (key and base64 from TerraformFile()).
// Attributes and blocks are written sorted by name, as kops writes them.
#pragma once

#include <string>

#include "engine/value.h"

namespace kops::terraform {

struct TerraformFileSpec {
  std::string key;      // the file name's last part: "policy", "user_data", "content"
  bool base64 = false;  // filebase64(...) instead of file(...)
};

class TerraformResource {
 public:
  virtual ~TerraformResource() = default;

  // "aws_vpc", "aws_s3_object"...
  virtual std::string TerraformType() const = 0;

  // The resource's name before sanitizing; default: the task's name (see the target).
  virtual std::string TerraformName() const { return ""; }

  virtual engine::Fields TerraformAttributes() const = 0;

  // How the FileContent in attribute `attribute` is stored. Default: key = attribute.
  virtual TerraformFileSpec TerraformFile(const std::string& attribute) const {
    return TerraformFileSpec{attribute, false};
  }

  // A provider alias ("aws.files") written as `provider = aws.files`; "" for none.
  virtual std::string TerraformProvider() const { return ""; }

  // True for a data source ("data" block) rather than a managed resource.
  virtual bool TerraformIsDataSource() const { return false; }
};

}  // namespace kops::terraform
