// One CSV record read as Go's encoding/csv reads it, which is how kops reads list flags
// (pflag's StringSlice), --set (lazy quotes) and --cloud-labels (separator '=').
// "a,\"b,c\",d" -> {a, "b,c", d}; "" inside a quoted field is one quote.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace kops::create {

struct CsvOptions {
  char separator = ',';
  bool lazy_quotes = false;         // a stray quote is a literal character, not an error
  bool trim_leading_space = false;  // drop spaces before each field
};

// InvalidArgument quoting the text on a bare or extraneous quote (without lazy quotes)
// or an unterminated quoted field.
Result<std::vector<std::string>> ParseCsvRecord(std::string_view line, CsvOptions options = {});

}  // namespace kops::create
