// ResourceTask: one AWS resource of the model as an engine Task that the Terraform
// target can write. Its expected state is its Terraform attributes (Terraform names),
// so the dry-run printer and the Terraform writer see the same fields.
//
// Direct apply is not implemented yet: Find fails with FailedPrecondition, so only
// offline runs (dry-run without a cloud, Terraform) use these tasks for now.
#pragma once

#include <map>
#include <string>

#include "engine/task.h"
#include "terraform/terraform_resource.h"

namespace kops::cloud::aws {

class ResourceTask : public engine::Task, public terraform::TerraformResource {
 public:
  // kind: kops' task kind ("VPC"); name: kops' resource name ("minimal.example.com");
  // tf_type: "aws_vpc".
  ResourceTask(std::string kind, std::string name, std::string tf_type, engine::Fields attributes)
      : Task(std::move(kind), std::move(name)),
        tf_type_(std::move(tf_type)),
        attributes_(std::move(attributes)) {}

  // The data file of `attribute` is named with `key` (default: the attribute's name).
  ResourceTask& WithFile(const std::string& attribute, std::string key, bool base64 = false) {
    files_[attribute] = terraform::TerraformFileSpec{std::move(key), base64};
    return *this;
  }
  ResourceTask& WithProvider(std::string provider) {
    provider_ = std::move(provider);
    return *this;
  }

  engine::Fields Expected() const override { return attributes_; }
  Result<std::optional<engine::Fields>> Find(engine::Context&) override {
    return FailedPrecondition("direct AWS is not implemented yet for " + key());
  }

  std::string TerraformType() const override { return tf_type_; }
  engine::Fields TerraformAttributes() const override { return attributes_; }
  terraform::TerraformFileSpec TerraformFile(const std::string& attribute) const override {
    auto it = files_.find(attribute);
    return it != files_.end() ? it->second : terraform::TerraformFileSpec{attribute};
  }
  std::string TerraformProvider() const override { return provider_; }

 private:
  std::string tf_type_;
  engine::Fields attributes_;
  std::map<std::string, terraform::TerraformFileSpec> files_;
  std::string provider_;
};

}  // namespace kops::cloud::aws
