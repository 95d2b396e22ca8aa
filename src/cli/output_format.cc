#include "cli/output_format.h"

#include "base/strings.h"

namespace kops::cli {

Result<OutputFormat> ParseOutputFormat(const std::string& value) {
  std::string v = ToLower(value);
  if (v == "table" || v.empty()) return OutputFormat::kTable;
  if (v == "yaml") return OutputFormat::kYaml;
  if (v == "json") return OutputFormat::kJson;
  return InvalidArgument("--output \"" + value + "\" is not supported; accepted: \"table\", \"yaml\", \"json\"");
}

Status CheckOutputFlag(const std::string& value, const std::vector<std::string>& accepted) {
  std::string want;
  for (size_t i = 0; i < accepted.size(); ++i) {
    if (accepted[i] == value) return Status::Ok();
    want += (i == 0 ? "" : i + 1 == accepted.size() ? " or " : ", ") + accepted[i];
  }
  return InvalidArgument("--output \"" + value + "\": want " + want);
}

std::string RenderObjects(const std::vector<api::Object>& objects, OutputFormat format) {
  if (format == OutputFormat::kJson) return api::ObjectsToJson(objects, objects.size() != 1);
  return api::ObjectsToYaml(objects);
}

}  // namespace kops::cli
