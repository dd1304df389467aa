#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace citytwin::cli {

struct RunOptions {
  std::filesystem::path scenario;
  std::string variant;
  std::optional<unsigned> threads;
  std::optional<std::uint64_t> seed;
  std::optional<std::filesystem::path> out;
  std::optional<std::string> until;  // a duration such as "600 s"; default: the scenario's duration
  bool progress = true;
  bool tripinfo = false;  // also write SUMO-compatible tripinfo.xml
  // --frames: a PNG of the city (with the KPI panel unless --no-panel) every this many simulated
  // seconds into <output>/frames/, e.g. "60s"; --frame-size WIDTHxHEIGHT.
  std::optional<std::string> frames;
  std::string frame_size = "1280x720";
  bool kpi_panel = true;
  bool report = false;  // --report: also write report.html (KPI tables, SVG plots, last frame)
};

// `citytwin run`: loads, builds and steps the scenario, then writes its output folder.
// Returns the process exit code; messages go to stdout (report) and stderr (errors, progress).
int run_command(const RunOptions& options);

}  // namespace citytwin::cli
