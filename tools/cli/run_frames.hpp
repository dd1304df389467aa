#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "render/city_picture.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/step/world.hpp"
#include "tools/cli/png_write_queue.hpp"
#include "tools/cli/published_views.hpp"

namespace citytwin::cli {

// What `run --frames INTERVAL [--frame-size WxH] [--no-panel]` asked for, as typed.
struct FrameOptions {
  std::string interval;  // e.g. "60s"
  std::string size = "1280x720";
  bool kpi_panel = true;
};

// The checked request: a picture every `interval` simulated seconds up to the end of the run.
struct FramePlan {
  double interval = 0.0;  // s, whole seconds and whole steps
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  bool kpi_panel = true;
  int name_digits = 6;  // zero-padded seconds in file names, enough for the last frame
};

// Checks the options against the scenario's step and the run's end; throws std::invalid_argument
// naming the option (exit 2) when they make no sense.
FramePlan plan_frames(const FrameOptions& options, double step_seconds, double end_time);

// "frame_000060s.png": names that sort in time order within a run (same width for every frame).
std::string frame_file_name(double time, int digits);

// Draws the city with its KPI panel every plan.interval simulated seconds of a headless run and
// writes the PNGs into one folder. It reads only the world's published snapshots (PublishedViews),
// between steps, so rendering cannot change the simulation. The world must publish at least every
// PublishedViews::publish_every(clock, interval) steps.
class FrameRecorder {
 public:
  // Creates the Vulkan device first (throws RenderError without one), then empties `folder` of
  // an earlier run's frame_*.png so the folder holds this run's sequence only.
  FrameRecorder(World& world, const FramePlan& plan, std::filesystem::path folder);

  // Call after every step.
  void after_step();
  // Waits for the last PNG; returns how many frames were written. Throws OutputError.
  std::size_t finish();

  std::string device_name() const;
  // Path of the newest frame queued so far, if any.
  const std::optional<std::filesystem::path>& last_frame() const { return last_frame_; }

 private:
  FramePlan plan_;
  std::filesystem::path folder_;
  render::CityPicture picture_;
  render::Camera camera_;
  PublishedViews views_;
  PngWriteQueue writer_;
  double next_frame_time_ = 0.0;
  std::size_t frames_ = 0;
  std::optional<std::filesystem::path> last_frame_;
};

}  // namespace citytwin::cli
