#include "terraform/terraform_target.h"

#include <algorithm>
#include <tuple>

#include "base/file_util.h"
#include "engine/task.h"
#include "terraform/names.h"
#include "terraform/output_files.h"
#include "terraform/terraform_resource.h"

namespace kops::terraform {

using engine::Value;

Result<TerraformTarget::Resource> TerraformTarget::ResourceOf(engine::Task& task) const {
  const auto* tf = dynamic_cast<const TerraformResource*>(&task);
  if (!tf) {
    return FailedPrecondition("task " + task.key() + " cannot be rendered as Terraform");
  }
  Resource r;
  r.kops_name = tf->TerraformName().empty() ? task.name() : tf->TerraformName();
  r.address = ResourceAddress{tf->TerraformType(), SanitizeName(r.kops_name),
                              tf->TerraformIsDataSource()};
  r.attributes = tf->TerraformAttributes();
  r.provider = tf->TerraformProvider();
  for (const auto& [name, value] : r.attributes) {
    if (value.get_if<engine::FileContent>()) r.file_specs[name] = tf->TerraformFile(name);
  }
  return r;
}

Status TerraformTarget::Render(engine::Task& task, const engine::Change&, engine::Context&) {
  ASSIGN_OR_RETURN(Resource r, ResourceOf(task));
  std::lock_guard lock(mu_);
  by_key_[task.key()] = std::move(r);
  return Status::Ok();
}

Status TerraformTarget::RenderElsewhere(engine::Task& task) {
  ASSIGN_OR_RETURN(Resource r, ResourceOf(task));
  r.elsewhere = true;
  r.attributes = {};
  std::lock_guard lock(mu_);
  by_key_[task.key()] = std::move(r);
  return Status::Ok();
}

void TerraformTarget::AddOutput(const std::string& name, Value value) {
  std::lock_guard lock(mu_);
  outputs_[name].value = std::move(value);
}

void TerraformTarget::AddOutputExpression(const std::string& name, std::string expression) {
  std::lock_guard lock(mu_);
  outputs_[name].expression = std::move(expression);
}

void TerraformTarget::AddOutputListItem(const std::string& name, Value item) {
  std::lock_guard lock(mu_);
  outputs_[name].list.push_back(std::move(item));
}

void TerraformTarget::AddProvider(const std::string& name, Body body) {
  std::lock_guard lock(mu_);
  providers_.emplace_back(name, std::move(body));
}

void TerraformTarget::SetTerraformSettings(Body body) {
  std::lock_guard lock(mu_);
  settings_ = std::move(body);
}

namespace {

ConvertContext ResolverFor(const std::map<std::string, ResourceAddress>& addresses) {
  ConvertContext ctx;
  ctx.address_of = [&addresses](const std::string& key) -> Result<ResourceAddress> {
    auto it = addresses.find(key);
    if (it == addresses.end()) return NotFound("task " + key + " is not rendered");
    return it->second;
  };
  return ctx;
}

}  // namespace

Result<Block> TerraformTarget::BuildResource(const Resource& r, const ConvertContext& base,
                                             std::map<std::string, std::string>* files) const {
  ConvertContext ctx = base;
  ctx.add_file = [&](const std::string& attribute,
                     const engine::FileContent& file) -> Result<Expr> {
    auto it = r.file_specs.find(attribute);
    TerraformFileSpec spec = it != r.file_specs.end() ? it->second : TerraformFileSpec{attribute};
    std::string path = DataFilePath(r.address.type, r.kops_name, spec.key);
    if (files->count(path)) return InvalidArgument("two resources write file " + path);
    (*files)[path] = file.contents;
    std::string fn = spec.base64 ? "filebase64" : "file";
    return Expr::RawText(fn + "(\"${path.module}/" + path + "\")");
  };
  auto body = ToBody(r.attributes, ctx);
  if (!body.ok()) return body.status().WithContext(r.address.Prefix());
  if (!r.provider.empty()) {
    body->Add("provider", Expr::RawText(r.provider));
    body->SortByName();
  }
  return Block{r.address.data_source ? "data" : "resource", {r.address.type, r.address.name},
               std::move(*body)};
}

Result<std::vector<Block>> TerraformTarget::BuildOutputs(const ConvertContext& ctx) const {
  std::map<std::string, Expr> values;  // sanitized name -> value
  for (const auto& [raw_name, spec] : outputs_) {
    std::string name = SanitizeName(raw_name);
    int kinds = spec.value.has_value() + spec.expression.has_value() + !spec.list.empty();
    if (kinds != 1) return InvalidArgument("output " + name + " has more than one kind of value");
    if (values.count(name)) return InvalidArgument("duplicate output " + name);
    if (spec.expression) {
      values[name] = Expr::RawText(*spec.expression);
    } else if (spec.value) {
      ASSIGN_OR_RETURN(values[name], ToExpr(*spec.value, name, ctx));
    } else {
      std::map<std::string, Expr> sorted;  // written text -> element: dedup and sort
      for (const Value& item : spec.list) {
        ASSIGN_OR_RETURN(Expr e, ToExpr(item, name, ctx));
        sorted.emplace(WriteExpr(e), std::move(e));
      }
      Expr::List list;
      for (auto& [text, e] : sorted) list.push_back(std::move(e));
      values[name] = Expr::ListOf(std::move(list));
    }
  }
  std::vector<Block> blocks;
  if (values.empty()) return blocks;
  Block locals{"locals", {}, {}};
  for (const auto& [name, e] : values) locals.body.Add(name, e);
  blocks.push_back(std::move(locals));
  for (const auto& [name, e] : values) {
    Block out{"output", {name}, {}};
    out.body.Add("value", e);
    blocks.push_back(std::move(out));
  }
  return blocks;
}

Result<TerraformOutput> TerraformTarget::Build() const {
  std::lock_guard lock(mu_);
  TerraformOutput output;
  std::map<std::string, ResourceAddress> addresses;
  for (const auto& [key, res] : by_key_) addresses[key] = res.address;
  ConvertContext ctx = ResolverFor(addresses);
  ASSIGN_OR_RETURN(std::vector<Block> blocks, BuildOutputs(ctx));
  for (const auto& [name, body] : providers_) blocks.push_back(Block{"provider", {name}, body});
  // data sources before resources; each sorted by type, then name
  std::map<std::tuple<bool, std::string, std::string>, const Resource*> ordered;
  for (const auto& [key, r] : by_key_) {
    if (r.elsewhere) continue;
    auto sort_key = std::make_tuple(!r.address.data_source, r.address.type, r.address.name);
    if (!ordered.emplace(sort_key, &r).second) {
      return InvalidArgument("duplicate Terraform resource " + r.address.Prefix());
    }
  }
  for (const auto& [sort_key, r] : ordered) {
    ASSIGN_OR_RETURN(Block block, BuildResource(*r, ctx, &output.files));
    blocks.push_back(std::move(block));
  }
  if (settings_) blocks.push_back(Block{"terraform", {}, *settings_});
  output.kubernetes_tf = WriteFile(blocks);
  return output;
}

Status TerraformTarget::Finish() {
  ASSIGN_OR_RETURN(TerraformOutput output, Build());
  if (out_dir_.empty()) return Status::Ok();
  RETURN_IF_ERROR(MakeDirs(out_dir_ + "/data"));
  RETURN_IF_ERROR(WriteOutputFile(out_dir_ + "/kubernetes.tf", output.kubernetes_tf));
  for (const auto& [path, contents] : output.files) {
    RETURN_IF_ERROR(WriteOutputFile(out_dir_ + "/" + path, contents));
  }
  return Status::Ok();
}

}  // namespace kops::terraform
