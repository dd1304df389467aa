#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "tools/report/csv_columns.hpp"

namespace citytwin::report {

// What one run's report is made of: its summary.json, its timeseries.csv (absent when the
// scenario turned it off) and optionally a picture of the city (PNG bytes).
struct ReportInputs {
  nlohmann::json summary;
  std::optional<CsvColumns> timeseries;
  std::string picture_png;      // empty: no picture (e.g. no Vulkan, or no --frames)
  std::string picture_caption;  // e.g. "frames/frame_000600s.png"
};

// The report as one self-contained HTML page (well-formed XML too: every element closed): run
// facts, the KPI table (last and mean of each), end-of-run totals, the picture inlined as a
// base64 data: URL, and one inline SVG line plot per timeseries column over simulated time. No
// scripts, no style sheets or fonts from elsewhere, no network.
std::string make_report_html(const ReportInputs& inputs);

// Reads `directory`/summary.json and timeseries.csv (if there) and `picture` (if given), and
// writes `directory`/report.html atomically. Returns its path. Throws OutputError when an input
// cannot be read or parsed or the report cannot be written.
std::filesystem::path write_run_report(const std::filesystem::path& directory,
                                       const std::optional<std::filesystem::path>& picture);

}  // namespace citytwin::report
