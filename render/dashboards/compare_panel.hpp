#pragma once
#include <span>
#include <string>

#include "render/dashboards/dashboards.hpp"
#include "sim/output/kpi_display.hpp"

namespace citytwin::render {

// What the A/B panel shows: the two runs' names and which of them the city view draws.
struct CompareStatus {
  std::string variant;   // e.g. "fixed_time_90s", or "live what-ifs" when it is the base scenario
  std::string baseline;  // e.g. "base scenario"
  bool showing_baseline = false;
};

struct CompareRequests {
  bool toggle_shown = false;  // draw the other run
};

// A/B compare (common random numbers: both runs draw the same random numbers for the same
// agent, step and purpose, so deltas come from the change, not from noise): every known KPI's
// latest baseline and variant values, delta and relative delta coloured by whether it is an
// improvement, and plots of the deltas over time. The two histories hold the same sample times
// (the runs step in lock-step).
// `columns`: the KPI columns and how to show them (WorldView::kpi_columns).
void ShowComparePanel(bool* open, std::span<const KpiColumn> columns, const KpiHistory& variant,
                      const KpiHistory& baseline, const CompareStatus& status,
                      CompareRequests& requests);

}  // namespace citytwin::render
