#include "cli/commands.h"
#include "cli/version.h"

namespace kops::cli {

void RegisterVersion(CLI::App& app, Context& ctx) {
  auto* version = app.add_subcommand("version", "Print the kops version information");
  version->callback([&ctx] {
    ctx.action = [&ctx] {
      ctx.Out() << "Client version: " << kVersion << " (kops in C++)\n";
      return Status::Ok();
    };
  });
}

}  // namespace kops::cli
