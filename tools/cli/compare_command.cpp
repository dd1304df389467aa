#include "tools/cli/compare_command.hpp"

#include <chrono>
#include <cstdio>

#include "agents/families.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/scenario/units.hpp"
#include "tools/cli/compare_table.hpp"
#include "tools/cli/exit_codes.hpp"
#include "tools/cli/run_outputs.hpp"
#include "tools/cli/scenario_command_errors.hpp"

namespace citytwin::cli {
namespace {

int compare(const CompareOptions& options) {
  if (options.variants.empty()) {
    throw std::invalid_argument(
        "--variant: name at least one variant to compare with the base scenario");
  }
  // Everything loads (and every variant name is checked) before the first run starts.
  std::vector<Scenario> scenarios{load_scenario(options.scenario, LoadOptions{""})};
  for (const auto& v : options.variants) {
    if (v.empty()) throw std::invalid_argument("--variant: an empty name");
    scenarios.push_back(load_scenario(options.scenario, LoadOptions{v}));
  }
  double until = scenarios[0].simulation.duration;
  if (options.until) {
    const auto t = parse_quantity(*options.until, Dimension::kDuration,
                                  Bounds{0.0, 30.0 * 86400.0, false, "between 0 s and 30 days"});
    if (!t.ok()) throw std::invalid_argument("--until: " + t.error);
    until = t.value;
  }
  WorldOverrides overrides;
  overrides.threads = options.threads;
  // One seed for all runs: common random numbers.
  overrides.seed = options.seed;
  overrides.seed = run_seed(scenarios[0], overrides);
  const auto folder =
      options.out.value_or(std::filesystem::path("out") / (scenarios[0].name + "-compare"));

  std::vector<ComparedRun> runs;
  for (const Scenario& scenario : scenarios) {
    const std::string name = scenario.applied_variant.empty() ? "base" : scenario.applied_variant;
    auto world = build_world(scenario, overrides);
    std::fprintf(stderr, "citytwin compare: running %s for %.0f s (seed %llu, %u thread(s))\n",
                 name.c_str(), until, static_cast<unsigned long long>(*overrides.seed),
                 world->threads());
    const auto start = std::chrono::steady_clock::now();
    world->run_until(until, [](const World&) {});
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const RunFacts facts{wall, world->clock().now(), false};
    write_run_outputs(folder / name, scenario, *world, facts);
    runs.push_back({name, make_summary(scenario, *world, facts)});
  }
  const auto metrics = compare_metrics(runs);
  write_file_atomically(folder / "compare.csv", compare_csv(runs, metrics));
  std::printf("%s", compare_text(runs, metrics).c_str());
  std::printf("compare: %s (one folder per run beside it)\n",
              (folder / "compare.csv").string().c_str());
  return kExitOk;
}

}  // namespace

int compare_command(const CompareOptions& options) {
  return with_scenario_errors("compare", options.scenario, [&] { return compare(options); });
}

}  // namespace citytwin::cli
