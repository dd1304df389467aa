#pragma once
#include <filesystem>

#include <nlohmann/json.hpp>

#include "sim/scenario/schema.hpp"
#include "sim/step/world.hpp"

namespace citytwin::cli {

struct RunFacts {
  double wall_seconds = 0.0;
  double simulated_seconds = 0.0;
  bool tripinfo = false;  // --tripinfo asked for tripinfo.xml whatever the scenario says
};

// The run summary as JSON: what ran (scenario, hash, variant, seed, version, threads), how long it
// took, the final state hash and every KPI (last value and mean over the recorded rows).
nlohmann::json make_summary(const Scenario& scenario, const World& world, const RunFacts& facts);

// Writes summary.json and (if asked for) timeseries.csv into `directory`, each atomically.
void write_run_outputs(const std::filesystem::path& directory, const Scenario& scenario,
                       const World& world, const RunFacts& facts);

}  // namespace citytwin::cli
