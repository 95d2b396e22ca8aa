// Table: the aligned plain-text tables of `kops get` (columns separated by at least
// two spaces... as Go's tabwriter does with kops' settings).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace kops::cli {

class Table {
 public:
  explicit Table(std::vector<std::string> header) : rows_{std::move(header)} {}
  void AddRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void Print(std::ostream& out) const;

 private:
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace kops::cli
