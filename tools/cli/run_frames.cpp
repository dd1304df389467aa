#include "tools/cli/run_frames.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <system_error>
#include <vector>

#include "agents/families.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/scenario/units.hpp"
#include "tools/cli/render_command.hpp"

namespace citytwin::cli {
namespace {

constexpr double kTolerance = 1e-9;

bool whole(double value) {
  return std::abs(value - std::round(value)) < 1e-6;
}

render::PictureOptions picture_options(const FramePlan& plan) {
  render::PictureOptions options;
  options.headless.width = plan.width;
  options.headless.height = plan.height;
  options.kpi_panel = plan.kpi_panel;
  options.dashboards = render::dashboards_of(builtin_families());
  return options;
}

// Removes an earlier run's frames (only files named like ours) and makes the folder.
void prepare_folder(const std::filesystem::path& folder) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) {
    throw OutputError("cannot create " + folder.string() + ": " + error.message());
  }
  std::vector<std::filesystem::path> old_frames;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("frame_", 0) == 0 && entry.path().extension() == ".png") {
      old_frames.push_back(entry.path());
    }
  }
  if (error) throw OutputError("cannot list " + folder.string() + ": " + error.message());
  for (const auto& path : old_frames) {
    if (!std::filesystem::remove(path, error) && error) {
      throw OutputError("cannot remove old frame " + path.string() + ": " + error.message());
    }
  }
}

}  // namespace

FramePlan plan_frames(const FrameOptions& options, double step_seconds, double end_time) {
  FramePlan plan;
  const auto interval =
      parse_quantity(options.interval, Dimension::kDuration,
                     Bounds{0.0, 30.0 * 86400.0, false, "between 0 s and 30 days"});
  if (!interval.ok()) throw std::invalid_argument("--frames: " + interval.error);
  plan.interval = interval.value;
  // Whole seconds keep file names exact; whole steps put every frame on a step.
  if (plan.interval < 1.0 - kTolerance || !whole(plan.interval)) {
    throw std::invalid_argument("--frames: '" + options.interval +
                                "' is not a whole number of seconds (at least 1 s), e.g. 60s");
  }
  if (!whole(plan.interval / step_seconds)) {
    char step[32];
    std::snprintf(step, sizeof step, "%g s", step_seconds);
    throw std::invalid_argument("--frames: '" + options.interval +
                                "' is not a whole number of the scenario's " + step + " steps");
  }
  const auto size = parse_frame_size(options.size);
  if (!size) {
    throw std::invalid_argument("--frame-size: '" + options.size +
                                "' is not WIDTHxHEIGHT with sides 1..16384, e.g. 1920x1080");
  }
  plan.width = size->width;
  plan.height = size->height;
  plan.kpi_panel = options.kpi_panel;
  const auto last = static_cast<long long>(std::llround(std::max(end_time, 0.0)));
  plan.name_digits = std::max(6, static_cast<int>(std::to_string(last).size()));
  return plan;
}

std::string frame_file_name(double time, int digits) {
  char name[64];
  std::snprintf(name, sizeof name, "frame_%0*llds.png", digits,
                static_cast<long long>(std::llround(time)));
  return name;
}

FrameRecorder::FrameRecorder(World& world, const FramePlan& plan, std::filesystem::path folder)
    : plan_(plan),
      folder_(std::move(folder)),
      picture_(world.network(), picture_options(plan)),
      camera_(picture_.renderer().fit_camera()),
      views_(world),
      next_frame_time_(world.clock().now() + plan.interval) {
  prepare_folder(folder_);
}

void FrameRecorder::after_step() {
  if (!views_.poll()) return;
  const WorldView& view = views_.view();
  if (view.time < next_frame_time_ - kTolerance) return;
  next_frame_time_ += plan_.interval;
  const auto& pixels = picture_.draw(view, camera_, views_.history());
  auto path = folder_ / frame_file_name(view.time, plan_.name_digits);
  writer_.push(path, pixels, plan_.width, plan_.height);
  last_frame_ = std::move(path);
  ++frames_;
}

std::size_t FrameRecorder::finish() {
  writer_.finish();
  return frames_;
}

std::string FrameRecorder::device_name() const {
  return picture_.renderer().context().device_name();
}

}  // namespace citytwin::cli
