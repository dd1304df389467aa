#include "tools/viewer/simulation_thread.hpp"

#include <algorithm>
#include <exception>
#include <stdexcept>
#include <string>

namespace citytwin::viewer {

using WallClock = std::chrono::steady_clock;

namespace {

void check_viewable(const World* world, const char* which) {
  if (world == nullptr || !world->started()) {
    throw std::invalid_argument(std::string("SimulationThread needs a started ") + which);
  }
  if (world->config().publish_every != 1) {
    throw std::invalid_argument(std::string("SimulationThread needs a ") + which +
                                " that publishes every step");
  }
}

}  // namespace

SimulationThread::SimulationThread(std::unique_ptr<World> world, double end_time,
                                   std::unique_ptr<World> baseline)
    : world_(std::move(world)),
      baseline_(std::move(baseline)),
      end_time_(end_time),
      step_seconds_(world_ ? world_->clock().step_seconds() : 1.0),
      views_(world_ ? &world_->views() : nullptr),
      baseline_views_(baseline_ ? &baseline_->views() : nullptr),
      kpi_names_(world_ ? world_->timeseries().columns() : std::vector<std::string>{}) {
  check_viewable(world_.get(), "world");
  if (baseline_) {
    check_viewable(baseline_.get(), "baseline world");
    if (baseline_->clock().step_seconds() != step_seconds_ ||
        baseline_->clock().step() != world_->clock().step() ||
        baseline_->timeseries().columns() != kpi_names_) {
      throw std::invalid_argument(
          "the baseline must have the same step, start and KPI columns as the world");
    }
  }
  publish_now();
  KpiSample first{world_->clock().now(), world_->current_kpis(), {}};
  if (baseline_) first.baseline_values = baseline_->current_kpis();
  samples_.push_back(std::move(first));
  next_sample_time_ = world_->clock().now() + kKpiInterval;
}

void SimulationThread::publish_now() {
  world_->snapshot(views_->back());
  views_->publish();
  if (baseline_) {
    baseline_->snapshot(baseline_views_->back());
    baseline_views_->publish();
  }
}

std::vector<SimulationThread::AppliedCommand> SimulationThread::applied_commands() const {
  std::lock_guard lock(mutex_);
  return applied_;
}

void SimulationThread::replay(std::vector<AppliedCommand> commands) {
  if (thread_.joinable()) throw std::logic_error("replay() must come before start()");
  std::stable_sort(
      commands.begin(), commands.end(),
      [](const AppliedCommand& a, const AppliedCommand& b) { return a.step < b.step; });
  replay_ = std::move(commands);
  replay_next_ = 0;
}

World* SimulationThread::baseline() {
  if (thread_.joinable()) throw std::logic_error("the baseline belongs to the running thread");
  return baseline_.get();
}

const WorldView& SimulationThread::latest_baseline(bool* changed) {
  if (baseline_views_ == nullptr) throw std::logic_error("no baseline world");
  const bool fresh = baseline_views_->update();
  if (changed != nullptr) *changed = fresh;
  return baseline_views_->front();
}

std::vector<SimulationThread::KpiSample> SimulationThread::take_kpi_samples() {
  std::lock_guard lock(mutex_);
  std::vector<KpiSample> out;
  out.swap(samples_);
  return out;
}

SimulationThread::~SimulationThread() {
  stop();
}

void SimulationThread::start(bool paused, double speed) {
  if (thread_.joinable()) throw std::logic_error("SimulationThread already started");
  {
    std::lock_guard lock(mutex_);
    paused_ = paused;
    speed_ = speed;
    stop_ = false;
    reanchor_ = true;
  }
  thread_ = std::thread([this] { loop(); });
}

void SimulationThread::stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

World& SimulationThread::world() {
  if (thread_.joinable()) throw std::logic_error("the World belongs to the running thread");
  return *world_;
}

void SimulationThread::set_paused(bool paused) {
  {
    std::lock_guard lock(mutex_);
    if (!error_.empty()) return;
    paused_ = paused;
    reanchor_ = true;
  }
  wake_.notify_all();
}

void SimulationThread::request_steps(std::int64_t steps) {
  {
    std::lock_guard lock(mutex_);
    if (!error_.empty() || steps <= 0) return;
    step_requests_ += steps;
  }
  wake_.notify_all();
}

void SimulationThread::set_speed(double multiplier) {
  {
    std::lock_guard lock(mutex_);
    speed_ = multiplier > 0.0 ? multiplier : 0.0;
    reanchor_ = true;
  }
  wake_.notify_all();
}

void SimulationThread::pause_at(double time) {
  {
    std::lock_guard lock(mutex_);
    pause_at_ = time;
  }
  wake_.notify_all();
}

void SimulationThread::inspect(const InspectTarget& target) {
  {
    std::lock_guard lock(mutex_);
    inspect_ = target;
  }
  wake_.notify_all();
}

SimulationThread::Status SimulationThread::status() const {
  std::lock_guard lock(mutex_);
  return {paused_, finished_, speed_, steps_per_second_, steps_, error_};
}

bool SimulationThread::wait_until_idle(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return wake_.wait_for(lock, timeout, [this] {
    return (paused_ || !error_.empty()) && step_requests_ == 0 && !running_step_;
  });
}

const WorldView& SimulationThread::latest(bool* changed) {
  const bool fresh = views_->update();
  if (changed != nullptr) *changed = fresh;
  return views_->front();
}

void SimulationThread::loop() {
  // Pacing: the step that ends at simulated time t is due at anchor_wall + (t - anchor_sim) /
  // speed. The anchor moves on every change of speed or pause, and when the simulation falls
  // more than a quarter second behind (no catch-up bursts after a slow stretch).
  WallClock::time_point anchor_wall = WallClock::now();
  double anchor_sim = world_->clock().now();
  WallClock::time_point rate_start = anchor_wall;
  std::int64_t rate_steps = 0;

  for (;;) {
    bool single = false;
    double speed = 0.0;
    {
      std::unique_lock lock(mutex_);
      for (;;) {
        if (stop_) return;
        if (inspect_) {
          // Between steps, on this thread: the only place the world may be touched.
          world_->set_inspect_target(*inspect_);
          if (baseline_) baseline_->set_inspect_target(*inspect_);
          inspect_.reset();
          if (paused_ && step_requests_ == 0) publish_now();
        }
        if (step_requests_ > 0) {
          --step_requests_;
          single = true;
          break;
        }
        if (!paused_) break;
        steps_per_second_ = 0.0;
        wake_.notify_all();  // idle: wake wait_until_idle()
        wake_.wait(lock);
      }
      speed = speed_;
      if (reanchor_ || single) {
        anchor_wall = WallClock::now();
        anchor_sim = world_->clock().now();
        reanchor_ = false;
      }
      if (!single && speed > 0.0) {
        const double ahead = world_->clock().now() + step_seconds_ - anchor_sim;
        const auto due = anchor_wall + std::chrono::duration_cast<WallClock::duration>(
                                           std::chrono::duration<double>(ahead / speed));
        const auto now = WallClock::now();
        if (due > now) {
          // Sleep until due unless a control changes; then look at everything again.
          wake_.wait_until(lock, due, [this] { return stop_ || reanchor_ || step_requests_ > 0; });
          if (WallClock::now() < due) continue;
        } else if (now - due > std::chrono::milliseconds(250)) {
          reanchor_ = true;
        }
      }
      running_step_ = true;
    }

    // Hand the commands over: replayed ones due at this step first (they came first in the run
    // being replayed), then the UI's. Each is logged with the step it is applied before.
    const std::int64_t step = world_->clock().step();
    std::vector<AppliedCommand> handed;
    for (; replay_next_ < replay_.size() && replay_[replay_next_].step <= step; ++replay_next_) {
      handed.push_back({step, replay_[replay_next_].command});
    }
    for (Command& command : inbox_.drain()) handed.push_back({step, std::move(command)});
    for (const AppliedCommand& c : handed) world_->commands().push(c.command);
    if (!handed.empty()) {
      std::lock_guard lock(mutex_);
      applied_.insert(applied_.end(), handed.begin(), handed.end());
    }

    std::string failure;
    try {
      world_->step();
      if (baseline_) baseline_->step();
    } catch (const std::exception& e) {
      failure = e.what();
    }
    ++rate_steps;
    std::optional<KpiSample> sample;
    if (failure.empty() && world_->clock().now() >= next_sample_time_ - 1e-9) {
      sample = KpiSample{world_->clock().now(), world_->current_kpis(), {}};
      if (baseline_) sample->baseline_values = baseline_->current_kpis();
      next_sample_time_ += kKpiInterval;
    }
    const auto now = WallClock::now();
    const double elapsed = std::chrono::duration<double>(now - rate_start).count();

    {
      std::lock_guard lock(mutex_);
      running_step_ = false;
      ++steps_;
      if (sample) {
        if (samples_.size() >= kMaxPendingSamples) samples_.erase(samples_.begin());
        samples_.push_back(std::move(*sample));
      }
      if (!failure.empty()) {
        error_ = failure;
        paused_ = true;
        step_requests_ = 0;
      }
      if (elapsed >= 0.5) {
        steps_per_second_ = rate_steps / elapsed;
        rate_steps = 0;
        rate_start = now;
      }
      const double t = world_->clock().now();
      if (pause_at_ && t >= *pause_at_ - 1e-9) {
        paused_ = true;
        step_requests_ = 0;
        pause_at_.reset();
      }
      if (!finished_ && t >= end_time_ - 1e-9) {
        finished_ = true;
        paused_ = true;
        step_requests_ = 0;
      }
    }
    wake_.notify_all();
  }
}

}  // namespace citytwin::viewer
