#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "sim/core/clock.hpp"
#include "sim/network/network.hpp"
#include "sim/output/timeseries.hpp"
#include "sim/step/command_queue.hpp"
#include "sim/step/executor.hpp"
#include "sim/step/knob.hpp"
#include "sim/step/pipeline.hpp"
#include "sim/step/resources.hpp"
#include "sim/view/triple_buffer.hpp"
#include "sim/view/world_view.hpp"

namespace citytwin {

struct WorldConfig {
  double step_seconds = 1.0;
  std::uint64_t seed = 1;
  unsigned threads = 0;            // 0 = all hardware threads
  double record_interval = 60.0;   // s between KPI rows; 0 = never
  std::int64_t publish_every = 0;  // steps between WorldView snapshots; 0 = never
};

// The simulation: a network, the systems that live on it, and the step pipeline that drives them.
class World {
 public:
  World(WorldConfig config, std::shared_ptr<const Network> network);

  // Systems are added before start(); order of addition is the default order within a phase.
  System& add_system(std::unique_ptr<System> system);
  template <class S, class... Args>
  S& emplace_system(Args&&... args) {
    return static_cast<S&>(add_system(std::make_unique<S>(std::forward<Args>(args)...)));
  }

  // Connects every system to the shared resources (System::connect, in order of addition), then
  // builds the pipeline (throws PipelineConflict) and the KPI columns. Called once.
  void start();
  bool started() const { return started_; }

  // One fixed step: pending commands, then sense, decide, act, exchange, publish.
  void step();
  // Steps until clock().now() >= time; calls on_step(world) after each step if given.
  template <class OnStep>
  void run_until(double time, OnStep&& on_step) {
    while (clock_.now() < time - 1e-9) {
      step();
      on_step(*this);
    }
  }

  const Clock& clock() const { return clock_; }
  const Network& network() const { return *network_; }
  std::shared_ptr<const Network> shared_network() const { return network_; }
  const WorldConfig& config() const { return config_; }
  unsigned threads() const { return executor_.threads(); }

  System* find_system(std::string_view name) const;
  // The shared typed objects systems exchange data through (see sim/step/resources.hpp).
  Resources& resources() { return resources_; }
  const Resources& resources() const { return resources_; }
  // Every system's what-if knobs with their current values, in system order.
  std::vector<KnobSpec> knobs() const;
  const std::vector<std::unique_ptr<System>>& systems() const { return systems_; }

  // Hash of every system's state (and the clock): the determinism fingerprint.
  std::uint64_t state_hash() const;
  // Every declared KPI column with its display, in column order (shared with snapshots).
  const std::vector<KpiColumn>& kpi_columns() const { return *kpi_columns_; }
  // Every agent kind the systems declared, with its style (shared with snapshots).
  const AgentKindTable& agent_kinds() const { return *agent_kinds_; }
  // KPI rows recorded so far (time + every declared KPI column).
  const TimeSeries& timeseries() const { return timeseries_; }
  // Latest values of every KPI column, computed now.
  std::vector<double> current_kpis() const;

  // Called after each phase of each step with the phase's wall time in seconds (benchmarks,
  // profiling overlays). Empty by default: then no clock is read.
  using PhaseObserver = std::function<void(Phase, double seconds)>;
  void set_phase_observer(PhaseObserver observer) { phase_observer_ = std::move(observer); }

  CommandQueue& commands() { return commands_; }
  TripleBuffer<WorldView>& views() { return views_; }
  // Fills `view` from the current state (what publish does every publish_every steps).
  void snapshot(WorldView& view) const;
  // What snapshots describe in their Inspection from now on (Kind::kNone: nothing). Call between
  // steps, on the thread that steps the world.
  void set_inspect_target(const InspectTarget& target) { inspect_target_ = target; }
  const InspectTarget& inspect_target() const { return inspect_target_; }

 private:
  void record_kpis();
  void describe(const InspectTarget& target, Inspection& inspection) const;

  WorldConfig config_;
  std::shared_ptr<const Network> network_;
  Clock clock_;
  Executor executor_;
  std::vector<std::unique_ptr<System>> systems_;
  Resources resources_;
  std::optional<Pipeline> pipeline_;
  bool started_ = false;
  std::int64_t record_every_steps_ = 0;
  TimeSeries timeseries_;
  std::shared_ptr<const std::vector<KpiColumn>> kpi_columns_ =
      std::make_shared<const std::vector<KpiColumn>>();
  std::shared_ptr<const AgentKindTable> agent_kinds_ = std::make_shared<const AgentKindTable>();
  CommandQueue commands_;
  TripleBuffer<WorldView> views_;
  PhaseObserver phase_observer_;
  InspectTarget inspect_target_;
};

}  // namespace citytwin
