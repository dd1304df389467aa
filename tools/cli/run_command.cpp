#include "tools/cli/run_command.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>

#include "agents/world_builder.hpp"
#include "sim/core/state_hasher.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/units.hpp"
#include "sim/step/pipeline.hpp"
#include "tools/cli/exit_codes.hpp"
#include "tools/cli/import_report_print.hpp"
#include "tools/cli/progress.hpp"
#include "tools/cli/run_outputs.hpp"
#include "tools/cli/scenario_command_errors.hpp"

namespace citytwin::cli {
namespace {

std::filesystem::path output_directory(const RunOptions& options, const Scenario& scenario) {
  if (options.out) return *options.out;
  if (!scenario.outputs.directory.empty()) return scenario.outputs.directory;
  std::string folder = scenario.name;
  if (!scenario.applied_variant.empty()) folder += "-" + scenario.applied_variant;
  return std::filesystem::path("out") / folder;
}

double end_time(const RunOptions& options, const Scenario& scenario) {
  if (!options.until) return scenario.simulation.duration;
  const auto until = parse_quantity(*options.until, Dimension::kDuration,
                                    Bounds{0.0, 30.0 * 86400.0, false, "between 0 s and 30 days"});
  if (!until.ok()) throw std::invalid_argument("--until: " + until.error);
  return until.value;
}

int run(const RunOptions& options) {
  const Scenario scenario = load_scenario(options.scenario, LoadOptions{options.variant});
  const double until = end_time(options, scenario);
  WorldOverrides overrides;
  overrides.threads = options.threads;
  overrides.seed = options.seed;
  ImportReport report;
  auto world = build_world(scenario, overrides, &report);
  if (!report.skipped.empty() || !report.approximated.empty()) {
    print_import_report(stderr, report);
  }

  std::fprintf(stderr, "citytwin: running '%s'%s%s for %.0f s on %u thread(s), seed %llu\n",
               scenario.name.c_str(), scenario.applied_variant.empty() ? "" : " variant ",
               scenario.applied_variant.c_str(), until, world->threads(),
               static_cast<unsigned long long>(world->config().seed));
  Progress progress(stderr, until, options.progress);
  const auto start = std::chrono::steady_clock::now();
  world->run_until(until,
                   [&](const World& w) { progress.update(w.clock().now(), w.clock().step()); });
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  progress.finish(world->clock().now(), world->clock().step());

  const auto directory = output_directory(options, scenario);
  write_run_outputs(directory, scenario, *world,
                    RunFacts{wall, world->clock().now(), options.tripinfo});
  std::printf("report: %s\n", (directory / "summary.json").string().c_str());
  std::printf("state hash: %s  (%lld steps in %.2f s wall)\n", to_hex(world->state_hash()).c_str(),
              static_cast<long long>(world->clock().step()), wall);
  return kExitOk;
}

}  // namespace

int run_command(const RunOptions& options) {
  return with_scenario_errors("run", options.scenario, [&] { return run(options); });
}

}  // namespace citytwin::cli
