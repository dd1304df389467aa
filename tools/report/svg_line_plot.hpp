#pragma once
#include <span>
#include <string>
#include <vector>

namespace citytwin::report {

// One line over time to draw as an SVG figure.
struct LinePlot {
  std::string id;         // the KPI column, written as data-kpi on the polyline
  std::string title;      // e.g. "mean speed"
  std::string unit;       // y axis label, e.g. "km/h"
  std::vector<double> x;  // simulated time, s
  std::vector<double> y;  // same length; NaN points are left out
};

// Round tick values ("nice numbers": 1, 2 or 5 times a power of ten) covering [low, high], about
// `target` of them. Exposed for tests.
std::vector<double> nice_ticks(double low, double high, int target = 5);

// A self-contained <svg> element (no scripts, no external references): axes, grid lines with tick
// labels, and the data as one <polyline> with a point per finite sample. Time is labelled in
// minutes when the run is 10 minutes or longer, else in seconds.
std::string svg_line_plot(const LinePlot& plot);

}  // namespace citytwin::report
