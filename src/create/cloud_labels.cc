#include "create/cloud_labels.h"

#include "base/strings.h"
#include "create/csv.h"

namespace kops::create {

Result<std::map<std::string, std::string>> ParseCloudLabels(const std::string& text) {
  std::map<std::string, std::string> labels;
  for (const std::string& record : Split(text, ',')) {
    if (Trim(record).empty()) continue;  // csv.Reader skips empty lines
    auto fields = ParseCsvRecord(record, {.separator = '=', .trim_leading_space = true});
    if (!fields.ok() || fields->size() != 2)
      return InvalidArgument("--cloud-labels \"" + text + "\": malformed pair \"" + record +
                             "\"; expected key=value pairs separated by commas (quote a value "
                             "that holds '=', e.g. dn=\"cn=x\")");
    labels[(*fields)[0]] = (*fields)[1];
  }
  return labels;
}

}  // namespace kops::create
