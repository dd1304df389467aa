#pragma once
#include <CLI/CLI.hpp>

namespace citytwin::cli {

// The options of every command that runs one scenario (run, render, view): one place, so that
// their names, help and checks agree. `Options` has scenario, variant, threads and seed members.
template <typename Options>
void add_scenario_options(
    CLI::App& command, Options& options,
    const char* threads_help = "Worker threads (default: scenario, 0 = all)") {
  command.add_option("scenario", options.scenario, "Scenario YAML file")->required();
  command.add_option("--variant", options.variant, "Apply a named variant of the scenario");
  command.add_option("--threads", options.threads, threads_help)->check(CLI::Range(0u, 1024u));
  command.add_option("--seed", options.seed, "Random seed (default: the scenario's)");
}

}  // namespace citytwin::cli
