// The shared context of kops' verbs. Each verb lives in its own <verb>_cmd.cc and
// exposes a Register function (listed in commands.h) that adds its CLI11 subcommand
// and sets Context::action; app.cc parses argv and runs that action.
//
// Output rules: stdout carries only what was asked for (YAML/JSON/tables); warnings,
// progress and verdicts go to stderr (ctx.err), so output can be piped.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <iostream>
#include <memory>
#include <string>

#include "base/status.h"

namespace kops::store {
class Clientset;
}

namespace kops::cli {

struct GlobalOptions {
  std::string state;         // --state, default $KOPS_STATE_STORE
  std::string cluster_name;  // --name, default $KOPS_CLUSTER_NAME
  int verbosity = 0;         // -v
};

struct Context {
  GlobalOptions global;
  std::ostream* out = &std::cout;
  std::ostream* err = &std::cerr;
  std::istream* in = &std::cin;
  // Set by the chosen subcommand's callback; app.cc runs it after parsing.
  std::function<Status()> action;

  std::ostream& Out() { return *out; }
  std::ostream& Err() { return *err; }

  // The state store URL: --state, else KOPS_STATE_STORE; an error naming both when unset.
  Result<std::string> StateStore() const;
  // Opens the clientset on the state store.
  Result<std::unique_ptr<store::Clientset>> OpenClientset() const;
  // The cluster name: the positional argument if given, else --name, else
  // KOPS_CLUSTER_NAME; an error saying how to give it when none is set.
  Result<std::string> ClusterName(const std::string& positional) const;
  // Prints "W... message" style warnings to stderr as kops does ("Warning: ...").
  void Warn(const std::string& message);
};

}  // namespace kops::cli
