// Test double: a task with fixed Terraform attributes (and the same fields as Expected).
#pragma once

#include <map>
#include <string>

#include "engine/context.h"
#include "engine/task.h"
#include "terraform/terraform_resource.h"

namespace kops::terraform {

class FakeTfTask : public engine::Task, public TerraformResource {
 public:
  FakeTfTask(std::string kind, std::string name, std::string tf_type, engine::Fields attributes)
      : Task(std::move(kind), std::move(name)),
        tf_type_(std::move(tf_type)),
        attributes_(std::move(attributes)) {}

  // Files of these attributes get this spec.
  std::map<std::string, TerraformFileSpec> files;
  std::string provider;

  engine::Fields Expected() const override { return attributes_; }
  Result<std::optional<engine::Fields>> Find(engine::Context&) override { return std::optional<engine::Fields>(); }

  std::string TerraformType() const override { return tf_type_; }
  engine::Fields TerraformAttributes() const override { return attributes_; }
  TerraformFileSpec TerraformFile(const std::string& attribute) const override {
    auto it = files.find(attribute);
    return it != files.end() ? it->second : TerraformFileSpec{attribute};
  }
  std::string TerraformProvider() const override { return provider; }

 private:
  std::string tf_type_;
  engine::Fields attributes_;
};

}  // namespace kops::terraform
