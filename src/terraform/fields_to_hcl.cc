#include "terraform/fields_to_hcl.h"

namespace kops::terraform {

using engine::Fields;
using engine::Value;

namespace {

bool IsListOfObjects(const Value& v) {
  const auto* list = v.get_if<Value::List>();
  return list && !list->empty() && (*list)[0].get_if<Fields>() != nullptr;
}

}  // namespace

Result<Expr> ToExpr(const Value& value, const std::string& attribute, const ConvertContext& ctx) {
  switch (value.type()) {
    case Value::Type::kNull: return Expr();
    case Value::Type::kString: return Expr::String(*value.get_if<std::string>());
    case Value::Type::kInt: return Expr::Number(*value.get_if<int64_t>());
    case Value::Type::kBool: return Expr::Bool(*value.get_if<bool>());
    case Value::Type::kList: {
      Expr::List items;
      for (const Value& item : *value.get_if<Value::List>()) {
        ASSIGN_OR_RETURN(Expr e, ToExpr(item, attribute, ctx));
        items.push_back(std::move(e));
      }
      return Expr::ListOf(std::move(items));
    }
    case Value::Type::kMap: {
      Expr::Map entries;
      for (const auto& [key, item] : *value.get_if<Value::Map>()) {
        ASSIGN_OR_RETURN(Expr e, ToExpr(item, attribute, ctx));
        entries.emplace_back(key, std::move(e));
      }
      return Expr::MapOf(std::move(entries));
    }
    case Value::Type::kObject:
      return InvalidArgument("attribute " + attribute + ": a nested object is not a value");
    case Value::Type::kReference: {
      const auto& ref = *value.get_if<engine::Reference>();
      if (!ctx.address_of) return Internal("no resolver for references");
      auto address = ctx.address_of(ref.task);
      if (!address.ok()) {
        return address.status().WithContext("attribute " + attribute + " references " + ref.task);
      }
      return Expr::RawText(address->Prefix() + "." + ref.attribute);
    }
    case Value::Type::kFile:
      if (!ctx.add_file) {
        return InvalidArgument("attribute " + attribute + ": file contents are not allowed here");
      }
      return ctx.add_file(attribute, *value.get_if<engine::FileContent>());
  }
  return Internal("unknown value type");
}

Result<Body> ToBody(const Fields& fields, const ConvertContext& ctx) {
  Body body;
  for (const auto& [name, value] : fields) {
    if (value.is_null()) continue;
    if (const auto* object = value.get_if<Fields>()) {
      ASSIGN_OR_RETURN(Body nested, ToBody(*object, ctx));
      body.AddBlock(Block{name, {}, std::move(nested)});
    } else if (IsListOfObjects(value)) {
      for (const Value& item : *value.get_if<Value::List>()) {
        const auto* object = item.get_if<Fields>();
        if (!object) return InvalidArgument("attribute " + name + ": mixed list of blocks");
        ASSIGN_OR_RETURN(Body nested, ToBody(*object, ctx));
        body.AddBlock(Block{name, {}, std::move(nested)});
      }
    } else {
      ASSIGN_OR_RETURN(Expr e, ToExpr(value, name, ctx));
      body.Add(name, std::move(e));
    }
  }
  body.SortByName();
  return body;
}

}  // namespace kops::terraform
