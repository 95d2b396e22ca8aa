// The -o/--output flag shared by get and create --dry-run.
#pragma once

#include <string>
#include <vector>

#include "api/codec.h"
#include "base/status.h"

namespace kops::cli {

enum class OutputFormat { kTable, kYaml, kJson };

// "table", "yaml", "json" (case-insensitive); an error naming the accepted values.
Result<OutputFormat> ParseOutputFormat(const std::string& value);

// Ok when value is one of accepted (exact spelling), else an error naming the flag, the
// value and the accepted ones: `--output "x": want table or json`.
Status CheckOutputFlag(const std::string& value, const std::vector<std::string>& accepted);

// Objects as YAML documents or JSON (a single object alone, several as a list).
std::string RenderObjects(const std::vector<api::Object>& objects, OutputFormat format);

}  // namespace kops::cli
