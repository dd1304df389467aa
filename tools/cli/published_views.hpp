#pragma once
#include <cstdint>
#include <optional>

#include "render/dashboards/dashboards.hpp"
#include "sim/core/clock.hpp"
#include "sim/step/world.hpp"
#include "sim/view/world_view.hpp"

namespace citytwin::cli {

// Reads a headless run the way the viewer reads a live one: only through the WorldView snapshots
// the world publishes into its triple buffer between steps, never its live state. Keeps the KPI
// panel's history as the viewer does (one sample every SimulationThread::kKpiInterval simulated
// seconds, starting with the initial state), so a picture's plots match the window's.
class PublishedViews {
 public:
  // Steps between publications so that every multiple of the KPI interval (and of
  // `frame_interval`, when given) is published: the greatest common divisor of their step counts.
  static std::int64_t publish_every(const Clock& clock, std::optional<double> frame_interval);

  // `world` must publish (WorldConfig::publish_every > 0). Publishes its current state at once,
  // as the viewer's simulation thread does, so the history starts at the initial state.
  explicit PublishedViews(World& world);

  // Call after each step: takes the newest snapshot if one was published (returns true), adding
  // it to the history when a KPI sample is due.
  bool poll();
  // Publishes the world's current state now and takes it (the picture at a time that is not on
  // the publication grid, e.g. the end of `render --at`).
  void publish_now(World& world);
  const WorldView& view() const { return *view_; }
  const render::KpiHistory& history() const { return history_; }

 private:
  void take(const WorldView& view);

  TripleBuffer<WorldView>& views_;
  const WorldView* view_ = nullptr;
  render::KpiHistory history_;
  double next_sample_time_ = 0.0;
};

}  // namespace citytwin::cli
