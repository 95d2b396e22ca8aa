#include "create/csv.h"

namespace kops::create {

Result<std::vector<std::string>> ParseCsvRecord(std::string_view line, CsvOptions opt) {
  auto fail = [&](const std::string& why) {
    return InvalidArgument("cannot parse \"" + std::string(line) + "\" as a CSV list: " + why);
  };
  std::vector<std::string> fields;
  size_t i = 0;
  const size_t n = line.size();
  while (true) {
    if (opt.trim_leading_space)
      while (i < n && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::string field;
    if (i < n && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < n) {
        char c = line[i];
        if (c != '"') {
          field += c;
          ++i;
          continue;
        }
        if (i + 1 < n && line[i + 1] == '"') {  // escaped quote
          field += '"';
          i += 2;
        } else if (i + 1 == n || line[i + 1] == opt.separator) {
          ++i;
          closed = true;
          break;
        } else if (opt.lazy_quotes) {
          field += '"';
          ++i;
        } else {
          return fail("extraneous \" in a quoted field");
        }
      }
      if (!closed && !opt.lazy_quotes) return fail("a quoted field is not terminated");
    } else {
      while (i < n && line[i] != opt.separator) {
        if (line[i] == '"' && !opt.lazy_quotes) return fail("bare \" in a non-quoted field");
        field += line[i++];
      }
    }
    fields.push_back(std::move(field));
    if (i >= n) break;
    ++i;  // the separator
  }
  return fields;
}

}  // namespace kops::create
