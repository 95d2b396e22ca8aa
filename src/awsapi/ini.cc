#include "awsapi/ini.h"

#include "base/strings.h"

namespace kops::awsapi {

IniFile ParseIni(std::string_view text) {
  IniFile out;
  std::string section;
  for (const std::string& raw : Split(text, '\n')) {
    std::string line = Trim(raw);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line.front() == '[' && line.back() == ']') {
      section = Trim(std::string_view(line).substr(1, line.size() - 2));
      out[section];
      continue;
    }
    auto eq = line.find('=');
    if (eq == std::string::npos || section.empty()) continue;
    out[section][ToLower(Trim(std::string_view(line).substr(0, eq)))] =
        Trim(std::string_view(line).substr(eq + 1));
  }
  return out;
}

}  // namespace kops::awsapi
