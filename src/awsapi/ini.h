// A reader for the AWS shared config/credentials INI files: "[section]" headers,
// "key = value" lines, '#' and ';' comments. Keys are lower-cased; values are trimmed.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace kops::awsapi {

using IniFile = std::map<std::string, std::map<std::string, std::string>>;

IniFile ParseIni(std::string_view text);

}  // namespace kops::awsapi
