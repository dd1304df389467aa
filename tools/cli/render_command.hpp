#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace citytwin::cli {

struct RenderOptions {
  std::filesystem::path scenario;
  std::string variant;
  std::string at = "0 s";  // simulated time of the picture, e.g. "1800 s" or "30 min"
  std::filesystem::path out = "city.png";
  std::string size = "1280x720";
  std::optional<unsigned> threads;
  std::optional<std::uint64_t> seed;
  double zoom = 1.0;                  // magnification over the whole-city view
  std::optional<std::string> centre;  // "x,y" in metres; default: the middle of the network
  unsigned timed_frames = 0;          // extra frames rendered only to report the median frame time
  bool kpi_panel = true;              // --no-panel: the bare city without the KPI panel
  std::string overlay;  // a scalar field the world publishes, e.g. "congestion"; empty = none
};

struct FrameSize {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
};
// "1920x1080" -> {1920, 1080}; nullopt unless two whole numbers in 1..16384 joined by 'x'.
std::optional<FrameSize> parse_frame_size(std::string_view text);

// `citytwin render`: builds the scenario's world, runs it headless to --at collecting the KPI
// panel's history from the published snapshots, renders the last WorldView offscreen (Vulkan, no
// window) with the KPI panel on top and writes the PNG atomically. Returns the process exit code.
int render_command(const RenderOptions& options);

}  // namespace citytwin::cli
