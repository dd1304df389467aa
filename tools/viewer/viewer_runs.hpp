#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <vector>

#include "render/dashboards/dashboards.hpp"
#include "render/view_stream.hpp"
#include "sim/step/knob.hpp"
#include "tools/viewer/run_setup.hpp"
#include "tools/viewer/simulation_thread.hpp"

namespace citytwin::viewer {

// The UI side of what the viewer runs: the simulation thread (B and, with A/B compare, A), each
// run's snapshot stream and KPI history, and seeking — ahead by running flat out, back by
// re-running from the start on fresh worlds with the what-ifs replayed (RunSetup::launch).
class ViewerRuns {
 public:
  using Clock = std::chrono::steady_clock;

  // Launches the runs (not started: set pause_at/inspect on sim(), then start it).
  explicit ViewerRuns(const RunSetup& setup);

  SimulationThread& sim() { return *sim_; }
  bool has_baseline() const { return sim_->has_baseline(); }

  // Once per frame: takes the newest snapshots and KPI samples.
  void update(Clock::time_point now);
  render::ViewStream& stream(bool baseline) { return baseline ? baseline_stream_ : stream_; }
  const render::KpiHistory& history(bool baseline) const {
    return baseline ? baseline_history_ : history_;
  }

  // Goes to simulated time `to` and pauses there; `speed` is restored when it is reached.
  void seek(double to, double speed, Clock::time_point now);
  bool seeking() const { return seek_.has_value(); }
  // Once per frame after update(): when a seek has arrived, ends it. After a re-run it returns
  // the knobs as the re-run world has them (the UI's sliders must follow); else nullopt.
  std::optional<std::vector<KnobSpec>> finish_seek(const SimulationThread::Status& status);

 private:
  void restart_streams(Clock::time_point now);

  const RunSetup& setup_;
  std::unique_ptr<SimulationThread> sim_;
  render::ViewStream stream_;
  render::ViewStream baseline_stream_;
  render::KpiHistory history_;
  render::KpiHistory baseline_history_;
  struct Seek {
    double time = 0.0;
    double resume_speed = 1.0;
    bool rerun = false;  // re-ran from the start: the knobs change back with it
  };
  std::optional<Seek> seek_;
};

}  // namespace citytwin::viewer
