#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>

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

// Builds the road network a scenario describes: generated, or imported from a CityFlow or SUMO
// file (what the importer skipped or approximated goes to `report` when given).
std::shared_ptr<const Network> build_network(const Scenario& scenario,
                                             ImportReport* report = nullptr);

// The scenario's demand with its demand files (CityFlow flow .json, SUMO .rou.xml) imported into
// trips and vehicle types.
DemandSpec build_demand(const Scenario& scenario, const Network& network,
                        ImportReport* report = nullptr);

// Builds the world with every system the scenario asks for, started and ready to step.
// The same builder serves the CLI, tests and benchmarks.
std::unique_ptr<World> build_world(const Scenario& scenario, const WorldOverrides& overrides = {},
                                   ImportReport* report = nullptr);

}  // namespace citytwin
