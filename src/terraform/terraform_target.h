// TerraformTarget: an engine::Target that collects every rendered task as a Terraform
// resource (or data source) and, on Finish, writes <out_dir>/kubernetes.tf and the
// files under <out_dir>/data/ — the output of `kops update cluster --target terraform`.
//
// Tasks must implement TerraformResource (checked with dynamic_cast); any other task
// fails Render with FailedPrecondition. Render is thread-safe. Deletions are not
// processed (Terraform computes them itself).
//
// File layout, deterministic whatever the render order: `locals` (one entry per output),
// then `output` blocks, both sorted by name; the provider blocks in the order added;
// data sources, then resources, sorted by type then name; the `terraform` block.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/target.h"
#include "engine/value.h"
#include "terraform/fields_to_hcl.h"
#include "terraform/hcl.h"
#include "terraform/terraform_resource.h"

namespace kops::terraform {

struct TerraformOutput {
  std::string kubernetes_tf;
  std::map<std::string, std::string> files;  // "data/<name>" -> contents
};

class TerraformTarget : public engine::Target {
 public:
  // out_dir "" means Finish writes nothing (Build() still gives the output).
  explicit TerraformTarget(std::string out_dir) : out_dir_(std::move(out_dir)) {}

  Status Render(engine::Task& task, const engine::Change& change, engine::Context& ctx) override;
  // Records a task whose resource is declared elsewhere (a lifecycle of Ignore or
  // ExistsAndWarnIfChanges): no block is written, references to it are.
  Status RenderElsewhere(engine::Task& task);
  Status Delete(const engine::Deletion&) override { return Status::Ok(); }
  bool ProcessesDeletions() const override { return false; }
  // Build(), then writes kubernetes.tf and data/* (creating directories; files already
  // holding their content are left alone, see output_files.h).
  Status Finish() override;

  // An output (and local) with one value: a literal, a Reference, a list of those.
  void AddOutput(const std::string& name, engine::Value value);
  // An output whose value is an expression written verbatim.
  void AddOutputExpression(const std::string& name, std::string expression);
  // Appends to a list output; Build() dedups and sorts the elements (as kops does).
  void AddOutputListItem(const std::string& name, engine::Value item);

  // A `provider "<name>"` block, written in the order added.
  void AddProvider(const std::string& name, Body body);
  // The body of the `terraform` block (written last when set).
  void SetTerraformSettings(Body body);

  // The whole output. InvalidArgument on duplicate Terraform names, references to tasks
  // this target did not render, or an output that is both a list and a single value.
  Result<TerraformOutput> Build() const;

 private:
  struct Resource {
    ResourceAddress address;
    std::string kops_name;
    engine::Fields attributes;
    std::string provider;
    std::map<std::string, TerraformFileSpec> file_specs;  // attribute -> spec
    bool elsewhere = false;  // declared outside this output: referenced, not written
  };
  Result<Resource> ResourceOf(engine::Task& task) const;
  struct OutputSpec {
    std::optional<engine::Value> value;
    std::optional<std::string> expression;
    std::vector<engine::Value> list;
  };

  Result<Block> BuildResource(const Resource& r, const ConvertContext& ctx,
                              std::map<std::string, std::string>* files) const;
  Result<std::vector<Block>> BuildOutputs(const ConvertContext& ctx) const;

  const std::string out_dir_;
  mutable std::mutex mu_;
  std::map<std::string, Resource> by_key_;  // task key -> resource
  std::map<std::string, OutputSpec> outputs_;
  std::vector<std::pair<std::string, Body>> providers_;
  std::optional<Body> settings_;
};

}  // namespace kops::terraform
