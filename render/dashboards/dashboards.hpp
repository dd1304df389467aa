#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "render/frame_renderer.hpp"
#include "sim/step/command_queue.hpp"
#include "sim/view/kpi_plot.hpp"
#include "sim/view/world_view.hpp"

// The city view's Dear ImGui panels: immediate-mode functions, one per panel, that read a
// WorldView snapshot (never live state) and turn clicks into requests or Commands. Call them
// between ImGuiLayer::begin_frame() and end_frame().
namespace citytwin::render {

// Speed multipliers offered by the run controls; 0 means as fast as the simulation can go.
inline constexpr double kSpeedChoices[] = {1.0, 10.0, 100.0, 1000.0, 0.0};

// What the run-control panel shows about the simulation thread (filled by the viewer).
struct RunStatus {
  bool paused = false;
  bool finished = false;          // reached the scenario's end
  double speed = 1.0;             // current multiplier, 0 = max
  double steps_per_second = 0.0;  // measured simulation steps per wall second
  double frame_ms = 0.0;          // UI frame time (wall)
  std::size_t queued_commands = 0;
  double end_time = 0.0;  // s: the scenario's duration (the seek slider's range)
  bool seeking = false;   // a seek is running to its time
};

// What the user asked for this frame (the viewer forwards it to the simulation thread / camera).
struct RunRequests {
  bool toggle_pause = false;
  bool single_step = false;
  bool set_speed = false;
  double speed = 1.0;
  bool fit_city = false;
  std::optional<double> seek;  // go to this simulated time (re-running from 0 if it is earlier)
};

// Play/pause, single step, speed, seek, simulated time, wall FPS, "fit city".
void ShowRunControlsPanel(bool* open, const WorldView& view, const RunStatus& status,
                          RunRequests& requests);

// Recent KPI values, one sample per row the simulation thread took (every few simulated
// seconds, whatever the speed: the UI sees only some steps, so it does not sample snapshots
// itself). A ring of `capacity` samples per KPI.
class KpiHistory {
 public:
  explicit KpiHistory(std::size_t capacity = 720);
  // Appends one sample. Different names than before (another scenario), or a time earlier than
  // the last sample (a restarted run), clear the history first.
  void add(double time, std::span<const std::string> names, std::span<const double> values);

  struct Series {
    std::span<const float> values;  // ring storage
    std::size_t offset = 0;         // index of the oldest value (ImGui::PlotLines values_offset)
  };
  Series series(std::string_view name) const;  // empty if the KPI is unknown
  float latest(std::string_view name) const;   // NaN if none
  std::size_t size() const { return size_; }
  double first_time() const;  // simulated time of the oldest sample (0 if none)
  double last_time() const { return last_time_; }

 private:
  std::size_t capacity_;
  std::size_t size_ = 0;
  std::size_t head_ = 0;  // next write position
  double last_time_ = 0.0;
  std::vector<std::string> names_;
  std::vector<std::vector<float>> rings_;  // per KPI name
  std::vector<double> times_;              // ring of sample times
};

// Plots the KPI columns `plots` names (the families register them: FamilyRegistry::kpi_plots),
// each with its latest value; titles, units and scales come with the snapshot.
void ShowKpiPanel(bool* open, const WorldView& view, const KpiHistory& history,
                  std::span<const KpiPlot> plots);

// Colour legend (speed ramp, signal states) and the layer toggles.
void ShowLegendPanel(bool* open, const WorldView& view, LayerToggles& layers);

}  // namespace citytwin::render
