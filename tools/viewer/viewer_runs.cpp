#include "tools/viewer/viewer_runs.hpp"

#include <cmath>

namespace citytwin::viewer {

ViewerRuns::ViewerRuns(const RunSetup& setup) : setup_(setup), sim_(setup.launch()) {
  restart_streams(Clock::now());
}

void ViewerRuns::restart_streams(Clock::time_point now) {
  stream_ = render::ViewStream{};
  stream_.take(sim_->latest(), true, now);
  if (sim_->has_baseline()) {
    baseline_stream_ = render::ViewStream{};
    baseline_stream_.take(sim_->latest_baseline(), true, now);
  }
}

void ViewerRuns::update(Clock::time_point now) {
  bool fresh = false;
  const WorldView& latest = sim_->latest(&fresh);
  stream_.take(latest, fresh, now);
  if (sim_->has_baseline()) {
    const WorldView& latest_baseline = sim_->latest_baseline(&fresh);
    baseline_stream_.take(latest_baseline, fresh, now);
  }
  // A re-run starts at time 0 again: KpiHistory::add clears itself when time goes back.
  for (const auto& sample : sim_->take_kpi_samples()) {
    history_.add(sample.time, sim_->kpi_names(), sample.values);
    if (!sample.baseline_values.empty()) {
      baseline_history_.add(sample.time, sim_->kpi_names(), sample.baseline_values);
    }
  }
}

void ViewerRuns::seek(double to, double speed, Clock::time_point now) {
  seek_ = Seek{to, speed, to < stream_.current().time};
  sim_->pause_at(to);
  if (!seek_->rerun) {
    sim_->set_speed(0.0);
    sim_->set_paused(false);
    return;
  }
  // Back: fresh worlds replaying the what-ifs applied before `to`, at the steps they were
  // applied (deterministic, so the same states again), flat out to `to`.
  const std::int64_t step = std::llround(to / setup_.scenario().simulation.step);
  auto replay = commands_before(sim_->applied_commands(), step);
  const InspectTarget inspected = stream_.current().inspection.target;
  sim_->stop();
  sim_ = setup_.launch(std::move(replay));
  sim_->inspect(inspected);
  sim_->pause_at(to);
  restart_streams(now);
  sim_->start(/*paused=*/false, 0.0);
}

std::optional<std::vector<KnobSpec>> ViewerRuns::finish_seek(
    const SimulationThread::Status& status) {
  if (!seek_ || !status.paused || stream_.current().time < seek_->time - 1e-9) return std::nullopt;
  const Seek done = *seek_;
  seek_.reset();
  if (!done.rerun) {
    sim_->set_speed(done.resume_speed);
    return std::nullopt;
  }
  sim_->stop();  // the world may be read while the thread is stopped
  auto knobs = sim_->world().knobs();
  sim_->start(/*paused=*/true, done.resume_speed);
  return knobs;
}

}  // namespace citytwin::viewer
