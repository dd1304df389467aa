#include "tools/viewer/run_setup.hpp"

#include "agents/families.hpp"

namespace citytwin::viewer {

RunSetup::RunSetup(Scenario scenario, WorldOverrides overrides,
                   const std::optional<Scenario>& baseline)
    : scenario_(std::move(scenario)), baseline_(baseline), overrides_(overrides) {
  overrides_.publish_every = 1;
  // One seed for both runs, resolved once: the same random numbers for the same agent, step
  // and purpose in A and B, and in every re-run.
  overrides_.seed = run_seed(scenario_, overrides_);
}

std::unique_ptr<SimulationThread> RunSetup::launch(
    std::vector<SimulationThread::AppliedCommand> replay) const {
  auto world = build_world(scenario_, overrides_);
  std::unique_ptr<World> reference;
  if (baseline_) reference = build_world(*baseline_, overrides_);
  auto thread = std::make_unique<SimulationThread>(std::move(world), scenario_.simulation.duration,
                                                   std::move(reference));
  thread->replay(std::move(replay));
  return thread;
}

std::vector<SimulationThread::AppliedCommand> commands_before(
    const std::vector<SimulationThread::AppliedCommand>& applied, std::int64_t step) {
  std::vector<SimulationThread::AppliedCommand> kept;
  for (const auto& c : applied) {
    if (c.step < step) kept.push_back(c);
  }
  return kept;
}

}  // namespace citytwin::viewer
