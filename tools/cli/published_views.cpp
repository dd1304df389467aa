#include "tools/cli/published_views.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "tools/viewer/simulation_thread.hpp"

namespace citytwin::cli {
namespace {

constexpr double kKpiInterval = viewer::SimulationThread::kKpiInterval;

}  // namespace

std::int64_t PublishedViews::publish_every(const Clock& clock,
                                           std::optional<double> frame_interval) {
  std::int64_t steps = std::max<std::int64_t>(1, clock.steps_for(kKpiInterval));
  if (frame_interval) {
    steps = std::gcd(steps, std::max<std::int64_t>(1, clock.steps_for(*frame_interval)));
  }
  return steps;
}

PublishedViews::PublishedViews(World& world) : views_(world.views()) {
  if (world.config().publish_every <= 0) {
    throw std::invalid_argument("PublishedViews needs a world that publishes snapshots");
  }
  next_sample_time_ = world.clock().now();
  publish_now(world);
}

void PublishedViews::publish_now(World& world) {
  // What World::step does at a publication step, outside the step (between steps).
  world.snapshot(views_.back());
  views_.publish();
  poll();
}

bool PublishedViews::poll() {
  if (!views_.update()) return false;
  take(views_.front());
  return true;
}

void PublishedViews::take(const WorldView& view) {
  view_ = &view;
  // The viewer's rule: the first snapshot at or after each sample time.
  if (view.time >= next_sample_time_ - 1e-9) {
    history_.add(view.time, view.kpi_names, view.kpi_values);
    next_sample_time_ += kKpiInterval;
  }
}

}  // namespace citytwin::cli
