#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace citytwin::cli {

struct ViewOptions {
  std::filesystem::path scenario;
  std::string variant;
  std::optional<unsigned> threads;
  std::optional<std::uint64_t> seed;
  std::string speed = "1";  // simulated seconds per wall second: 1, 10, 100, 1000 or "max"
  std::string size = "1280x720";
  bool start_paused = false;
  std::optional<std::string> pause_at;  // e.g. "120 s": the simulation pauses there (tests, demos)
  // Scripted seek: once paused at pause_at, seek to this time as the seek slider would (earlier
  // times re-run from the start), then take the screenshot there.
  std::optional<std::string> then_seek;
  // Tests and scripted pictures: render this many frames (then, with --pause-at, until the
  // simulation has paused there), write the window's last frame (swapchain image, city and
  // dashboards) to `screenshot` and exit.
  unsigned frames = 0;
  std::optional<std::filesystem::path> screenshot;
  // Opens the inspector on a junction ("node:NAME") or a vehicle ("vehicle:ID") from the start,
  // as a click on it would (scripted pictures, tests).
  std::optional<std::string> inspect;
  // A/B compare: run a baseline beside it with the same seed (common random numbers) and show
  // KPI deltas live; `baseline` names the variant that is A (default: the base scenario).
  bool compare = false;
  std::optional<std::string> baseline;
};

// "max" -> 0; "1", "x10", "100" ... -> the multiplier; nullopt if not a positive number or max.
std::optional<double> parse_speed(const std::string& text);

// `citytwin view`: opens a window (GLFW + Vulkan swapchain) showing the city with live traffic
// and Dear ImGui dashboards; the simulation runs on its own thread. Without a display it says so
// and returns 2 (use `citytwin render` for headless pictures). Returns the process exit code.
int view_command(const ViewOptions& options);

}  // namespace citytwin::cli
