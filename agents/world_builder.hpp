#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>

#include "sim/family/family_registry.hpp"
#include "sim/io/import_report.hpp"
#include "sim/network/network.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/step/world.hpp"

namespace citytwin {

// A scenario that validated but cannot be turned into a world (e.g. a network format this build
// cannot read). Reported to the user as bad input.
class BuildError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Command-line choices that override the scenario file.
struct WorldOverrides {
  std::optional<unsigned> threads;
  std::optional<std::uint64_t> seed;
  std::int64_t publish_every = 0;  // steps between WorldView snapshots (viewer); 0 = none
};

// The run's seed, resolved here and nowhere else: the command line's when given, else the
// scenario's. Every random draw of a run (demand, models, and the families' draws such as robots'
// orders, sensors' failures and radio losses) derives from this one value through CounterRng
// streams, so the seed recorded in summary.json reproduces the run.
std::uint64_t run_seed(const Scenario& scenario, const WorldOverrides& overrides);

// Builds the road network a scenario describes: generated, or imported from a CityFlow or SUMO
// file (what the importer skipped or approximated goes to `report` when given).
std::shared_ptr<const Network> build_network(const Scenario& scenario,
                                             ImportReport* report = nullptr);

// The scenario's demand with its demand files (CityFlow flow .json, SUMO .rou.xml) imported into
// trips and vehicle types; `seed` (run_seed) drives demand.scale's sampling of imported vehicles.
DemandSpec build_demand(const Scenario& scenario, const Network& network, std::uint64_t seed,
                        ImportReport* report = nullptr);

// Builds the world with every system the scenario asks for, started and ready to step: the
// network, then each family's systems in registration order. The same builder serves the CLI,
// tests and benchmarks (agents/families.hpp has the overload with the built-in families).
std::unique_ptr<World> build_world(const Scenario& scenario, const FamilyRegistry& families,
                                   const WorldOverrides& overrides = {},
                                   ImportReport* report = nullptr);

}  // namespace citytwin
