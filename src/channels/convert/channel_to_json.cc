// Build-time tool: converts the channel YAML to a .cc holding it as compact JSON, so the
// binary parses JSON (fast) instead of YAML (slow) at every start.
// Usage: channel_to_json IN.yaml OUT.cc
#include <fstream>
#include <iostream>
#include <sstream>

#include "channels/convert/yaml_json.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: channel_to_json IN.yaml OUT.cc\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  std::stringstream text;
  text << in.rdbuf();
  auto json = kops::channels::YamlToJson(text.str(), argv[1]);
  if (!json.ok()) {
    std::cerr << json.status().message() << "\n";
    return 1;
  }
  std::ofstream out(argv[2]);
  out << "// Generated from " << argv[1] << " by channel_to_json; do not edit.\n"
      << "#include \"channels/embedded_channel.h\"\n\n"
      << "namespace kops::channels {\n\n"
      << "std::string_view EmbeddedStableChannelJson() {\n"
      << "  static constexpr std::string_view kJson = R\"kopschan(" << json->dump() << ")kopschan\";\n"
      << "  return kJson;\n}\n\n}  // namespace kops::channels\n";
  return out ? 0 : 1;
}
