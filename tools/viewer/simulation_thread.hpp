#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "sim/step/command_queue.hpp"
#include "sim/step/world.hpp"
#include "sim/view/triple_buffer.hpp"
#include "sim/view/world_view.hpp"

namespace citytwin::viewer {

// The viewer's simulation: owns a World and steps it on its own thread at a speed multiplier of
// simulated over wall time (0 = as fast as it goes). The World publishes a WorldView every step
// into its triple buffer; the UI thread reads only that (latest()) and talks to the simulation
// only through this object's mutex-guarded controls and the World's thread-safe CommandQueue.
//
// Ownership rule that keeps it race-free: after start() and until stop() returns, the World is
// touched by the simulation thread alone. The UI thread holds no World reference: it uses the
// triple buffer's reader side and the command queue, both taken in the constructor.
class SimulationThread {
 public:
  struct Status {
    bool paused = true;
    bool finished = false;  // reached end_time (it pauses there; Play continues past it)
    double speed = 1.0;
    double steps_per_second = 0.0;
    std::int64_t steps = 0;  // steps taken so far
    std::string error;       // a step or command threw: the run is paused for good
  };

  // `world` must be started and publish every step (WorldConfig::publish_every == 1); throws
  // std::invalid_argument otherwise. Publishes the initial state so latest() has a view at once.
  // A `baseline` world (A/B compare; same requirements and step) is stepped in lock-step after
  // `world`, every step: its KPI samples are taken at the same simulated times, and commands go
  // to `world` only, so the baseline stays the unchanged reference.
  SimulationThread(std::unique_ptr<World> world, double end_time,
                   std::unique_ptr<World> baseline = nullptr);
  ~SimulationThread();
  SimulationThread(const SimulationThread&) = delete;
  SimulationThread& operator=(const SimulationThread&) = delete;

  void start(bool paused, double speed);
  // Stops and joins the thread (idempotent). After it the World may be read again: world().
  void stop();
  World& world();     // only when the thread is not running (before start() / after stop())
  World* baseline();  // likewise; nullptr without a baseline
  bool has_baseline() const { return baseline_ != nullptr; }

  // UI side: every call is safe from any one thread while the simulation runs.
  void set_paused(bool paused);
  void request_steps(std::int64_t steps);  // while paused: take this many steps, then wait
  void set_speed(double multiplier);       // 0 = max
  void pause_at(double time);              // pause (once) when the clock reaches `time`
  void push(Command command) { inbox_.push(std::move(command)); }
  // What the snapshots' Inspection describes from now on. Applied between steps; while paused
  // the current state is published again at once with it (no step is taken).
  void inspect(const InspectTarget& target);
  CommandQueue& commands() { return inbox_; }

  // Seek by re-run: every command handed to the world so far, with the step it was applied
  // before. A fresh thread on a fresh world given these (replay(), before start()) applies them
  // at the same steps and so reaches the same states (the simulation is deterministic).
  struct AppliedCommand {
    std::int64_t step = 0;
    Command command;
  };
  std::vector<AppliedCommand> applied_commands() const;
  void replay(std::vector<AppliedCommand> commands);
  Status status() const;
  // Blocks until the simulation is paused with nothing left to do (or timeout); true if so.
  bool wait_until_idle(std::chrono::milliseconds timeout) const;

  // KPI samples the simulation took every `kpi_interval` simulated seconds since the last call
  // (the UI's time series: complete at any speed, unlike snapshots the UI happens to see).
  struct KpiSample {
    double time = 0.0;
    std::vector<double> values;           // parallel to kpi_names()
    std::vector<double> baseline_values;  // likewise, the baseline's (empty without one)
  };
  std::vector<KpiSample> take_kpi_samples();
  const std::vector<std::string>& kpi_names() const { return kpi_names_; }
  static constexpr double kKpiInterval = 5.0;
  static constexpr std::size_t kMaxPendingSamples = 100000;  // oldest dropped beyond this

  // Reader side of the triple buffer: swaps in the newest snapshot if there is one (returns
  // whether it changed into `*changed` when given) and returns it. One reader thread only.
  const WorldView& latest(bool* changed = nullptr);
  // The same for the baseline's snapshots (only with a baseline). One reader thread only.
  const WorldView& latest_baseline(bool* changed = nullptr);

 private:
  void loop();

  void publish_now();  // both worlds' current state (simulation thread, between steps)

  std::unique_ptr<World> world_;
  std::unique_ptr<World> baseline_;
  const double end_time_;
  const double step_seconds_;
  TripleBuffer<WorldView>* views_;  // reader side used by the UI, writer side by World::step
  TripleBuffer<WorldView>* baseline_views_;  // likewise for the baseline (nullptr without)
  CommandQueue inbox_;  // the UI's commands, handed to the world (and logged) between steps
  // Simulation thread only (replay_ set before start).
  std::vector<AppliedCommand> replay_;
  std::size_t replay_next_ = 0;
  const std::vector<std::string> kpi_names_;
  double next_sample_time_ = 0.0;  // simulation thread only

  mutable std::mutex mutex_;
  mutable std::condition_variable wake_;  // controls changed (sim waits) / idle (UI waits)
  // Guarded by mutex_.
  bool stop_ = false;
  bool paused_ = true;
  bool finished_ = false;
  bool reanchor_ = true;
  bool running_step_ = false;
  double speed_ = 1.0;
  std::int64_t step_requests_ = 0;
  std::optional<double> pause_at_;
  std::optional<InspectTarget> inspect_;  // not yet handed to the world
  double steps_per_second_ = 0.0;
  std::int64_t steps_ = 0;
  std::string error_;
  std::vector<KpiSample> samples_;
  std::vector<AppliedCommand> applied_;

  std::thread thread_;
};

}  // namespace citytwin::viewer
