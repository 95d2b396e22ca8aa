// `kops completion bash`: a bash completion script generated from the command tree,
// so it always matches the verbs and flags this binary has.
#include <functional>
#include <set>

#include "base/strings.h"
#include "cli/commands.h"

namespace kops::cli {
namespace {

std::vector<std::string> WordsOf(const CLI::App* app) {
  std::vector<std::string> words;
  for (const auto* sub : app->get_subcommands([](const CLI::App*) { return true; })) {
    words.push_back(sub->get_name());
    for (const auto& alias : sub->get_aliases()) words.push_back(alias);
  }
  for (const auto* opt : app->get_options()) {
    for (const auto& l : opt->get_lnames()) words.push_back("--" + l);
  }
  return words;
}

// One `case` arm per command path ("kops create cluster").
void EmitCases(const CLI::App* app, const std::string& path, std::string& out) {
  out += "    \"" + path + "\") words=\"" + Join(WordsOf(app), " ") + "\" ;;\n";
  for (const auto* sub : app->get_subcommands([](const CLI::App*) { return true; })) {
    EmitCases(sub, path + " " + sub->get_name(), out);
    for (const auto& alias : sub->get_aliases()) EmitCases(sub, path + " " + alias, out);
  }
}

std::string BashScript(const CLI::App* root) {
  std::string out =
      "# bash completion for kops; load with: source <(kops completion bash)\n"
      "_kops() {\n"
      "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" path=\"kops\" words=\"\" w i\n"
      "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      "    w=\"${COMP_WORDS[i]}\"\n"
      "    [[ $w == -* ]] && continue\n"
      "    case \"$path $w\" in\n";
  std::string cases;
  std::function<void(const CLI::App*, const std::string&)> paths = [&](const CLI::App* app, const std::string& p) {
    for (const auto* sub : app->get_subcommands([](const CLI::App*) { return true; })) {
      std::vector<std::string> names = {sub->get_name()};
      for (const auto& a : sub->get_aliases()) names.push_back(a);
      for (const auto& n : names) {
        cases += "      \"" + p + " " + n + "\") path=\"" + p + " " + n + "\" ;;\n";
        paths(sub, p + " " + n);
      }
    }
  };
  paths(root, "kops");
  out += cases;
  out += "    esac\n  done\n  case \"$path\" in\n";
  EmitCases(root, "kops", out);
  out += "  esac\n  COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n}\ncomplete -F _kops kops\n";
  return out;
}

}  // namespace

void RegisterCompletion(CLI::App& app, Context& ctx) {
  auto* completion = app.add_subcommand("completion", "Output shell completion code");
  auto shell = std::make_shared<std::string>();
  completion->add_option("shell", *shell, "Shell: bash")->required();
  CLI::App* root = &app;
  completion->callback([&ctx, shell, root] {
    ctx.action = [&ctx, shell, root]() -> Status {
      if (*shell != "bash") return InvalidArgument("shell \"" + *shell + "\" is not supported; accepted: \"bash\"");
      ctx.Out() << BashScript(root);
      return Status::Ok();
    };
  });
}

}  // namespace kops::cli
