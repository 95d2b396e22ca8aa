#include "cli/app.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace kops::cli {

int Run(int argc, char** argv) {
  CLI::App app{"kops is Kubernetes Operations: create, operate and delete HA control planes"};
  app.require_subcommand(1);
  auto* version = app.add_subcommand("version", "Print the kops version");
  version->callback([] { std::cout << "Client version: 0.1.0 (kops in C++)\n"; });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return 0;
}

}  // namespace kops::cli
