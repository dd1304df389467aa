#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "agents/world_builder.hpp"
#include "sim/scenario/schema.hpp"
#include "tools/viewer/simulation_thread.hpp"

namespace citytwin::viewer {

// What the viewer runs: the scenario (B, the run the user changes), optionally a baseline (A)
// with the same seed, and how to build their worlds. Builds them again for "seek by re-run":
// a fresh pair of worlds, given the commands applied so far, replays them to any earlier time.
class RunSetup {
 public:
  // `baseline_variant`: nullopt = no A/B compare; "" = the base scenario; else a variant name.
  // Loads and checks everything (throws ScenarioError / BuildError / invalid_argument).
  RunSetup(Scenario scenario, WorldOverrides overrides,
           const std::optional<Scenario>& baseline = std::nullopt);

  // A new simulation thread (not started) on freshly built worlds at time 0, which will apply
  // `replay` at the steps logged there.
  std::unique_ptr<SimulationThread> launch(
      std::vector<SimulationThread::AppliedCommand> replay = {}) const;

  const Scenario& scenario() const { return scenario_; }
  bool has_baseline() const { return baseline_.has_value(); }
  const Scenario* baseline() const { return baseline_ ? &*baseline_ : nullptr; }
  // The seed both runs use (the override, else the scenario's): common random numbers.
  std::uint64_t seed() const { return overrides_.seed.value_or(0); }

 private:
  Scenario scenario_;
  std::optional<Scenario> baseline_;
  WorldOverrides overrides_;  // seed resolved, publish_every 1
};

// Commands of `applied` that a re-run to `step` must replay: those applied before that step.
std::vector<SimulationThread::AppliedCommand> commands_before(
    const std::vector<SimulationThread::AppliedCommand>& applied, std::int64_t step);

}  // namespace citytwin::viewer
