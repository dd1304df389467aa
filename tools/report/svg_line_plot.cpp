#include "tools/report/svg_line_plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "sim/output/xml_text.hpp"

namespace citytwin::report {
namespace {

// Figure geometry in SVG user units (pixels at 100 %).
constexpr double kWidth = 560.0;
constexpr double kHeight = 220.0;
constexpr double kLeft = 64.0;  // room for y tick labels
constexpr double kRight = 16.0;
constexpr double kTop = 28.0;     // title
constexpr double kBottom = 40.0;  // x tick labels and axis title

std::string number(double value, int decimals) {
  if (std::abs(value) < 0.5 * std::pow(10.0, -decimals)) value = 0.0;  // no "-0" labels
  char text[48];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// Decimals that show a tick step exactly (0.25 -> 2, 5 -> 0).
int decimals_for(double step) {
  int decimals = 0;
  while (decimals < 6 && std::abs(step * std::pow(10.0, decimals) -
                                  std::round(step * std::pow(10.0, decimals))) > 1e-6) {
    ++decimals;
  }
  return decimals;
}

double nice_step(double range, int target) {
  const double raw = range / std::max(target, 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double fraction = raw / magnitude;
  const double nice = fraction <= 1.0 ? 1.0 : fraction <= 2.0 ? 2.0 : fraction <= 5.0 ? 5.0 : 10.0;
  return nice * magnitude;
}

struct Range {
  double low = 0.0;
  double high = 1.0;
};

// The data's extent, widened to whole ticks; a flat series gets a unit-wide band around it.
Range axis_range(double low, double high) {
  if (!(high > low)) {
    const double pad = std::max(1.0, std::abs(low) * 0.1);
    return {low - pad, high + pad};
  }
  const double step = nice_step(high - low, 5);
  return {std::floor(low / step) * step, std::ceil(high / step) * step};
}

}  // namespace

std::vector<double> nice_ticks(double low, double high, int target) {
  std::vector<double> ticks;
  if (!std::isfinite(low) || !std::isfinite(high) || !(high > low)) return ticks;
  const double step = nice_step(high - low, target);
  // Ticks as whole multiples of the step (no accumulated rounding from repeated addition).
  const auto first = static_cast<long long>(std::ceil(low / step - 1e-9));
  const auto last = static_cast<long long>(std::floor(high / step + 1e-9));
  for (long long k = first; k <= last; ++k) ticks.push_back(static_cast<double>(k) * step);
  return ticks;
}

std::string svg_line_plot(const LinePlot& plot) {
  double x_low = std::numeric_limits<double>::infinity();
  double x_high = -x_low;
  double y_low = 0.0;  // KPIs are counts, speeds, delays: keep zero in view
  double y_high = 0.0;
  std::size_t finite = 0;
  for (std::size_t i = 0; i < plot.x.size() && i < plot.y.size(); ++i) {
    if (!std::isfinite(plot.x[i]) || !std::isfinite(plot.y[i])) continue;
    x_low = std::min(x_low, plot.x[i]);
    x_high = std::max(x_high, plot.x[i]);
    y_low = std::min(y_low, plot.y[i]);
    y_high = std::max(y_high, plot.y[i]);
    ++finite;
  }
  if (finite == 0) {
    x_low = 0.0;
    x_high = 1.0;
  }
  x_low = std::min(x_low, 0.0);  // runs start at 0 s; the first row comes one interval later
  if (!(x_high > x_low)) x_high = x_low + 1.0;
  const bool minutes = x_high - x_low >= 600.0;
  const double x_scale_unit = minutes ? 60.0 : 1.0;
  const Range y = axis_range(y_low, y_high);

  const double plot_w = kWidth - kLeft - kRight;
  const double plot_h = kHeight - kTop - kBottom;
  auto px = [&](double x) { return kLeft + (x - x_low) / (x_high - x_low) * plot_w; };
  auto py = [&](double v) { return kTop + (y.high - v) / (y.high - y.low) * plot_h; };

  std::string svg;
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" width=\"%.0f\" "
                "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\">\n",
                kWidth, kHeight, kWidth, kHeight);
  svg += buf;
  svg += "<title>" + xml_escape(plot.title) + "</title>\n";
  std::snprintf(buf, sizeof buf, "<text class=\"title\" x=\"%.1f\" y=\"18\">", kLeft);
  svg += buf + xml_escape(plot.title) + " (" + xml_escape(plot.unit) + ")</text>\n";

  // Horizontal grid lines with y labels.
  const auto y_ticks = nice_ticks(y.low, y.high, 5);
  const int y_decimals = y_ticks.size() > 1 ? decimals_for(y_ticks[1] - y_ticks[0]) : 0;
  for (double t : y_ticks) {
    std::snprintf(buf, sizeof buf,
                  "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
                  "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
                  kLeft, py(t), kLeft + plot_w, py(t), kLeft - 6.0, py(t) + 4.0);
    svg += buf + number(t, y_decimals) + "</text>\n";
  }
  // Vertical ticks with time labels.
  const auto x_ticks = nice_ticks(x_low / x_scale_unit, x_high / x_scale_unit, 6);
  const int x_decimals = x_ticks.size() > 1 ? decimals_for(x_ticks[1] - x_ticks[0]) : 0;
  for (double t : x_ticks) {
    const double x = px(t * x_scale_unit);
    std::snprintf(buf, sizeof buf,
                  "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
                  "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
                  x, kTop + plot_h, x, kTop + plot_h + 4.0, x, kTop + plot_h + 16.0);
    svg += buf + number(t, x_decimals) + "</text>\n";
  }
  // Axes and their time label.
  std::snprintf(buf, sizeof buf,
                "<path class=\"axis\" d=\"M%.1f %.1f V%.1f H%.1f\"/>\n"
                "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
                kLeft, kTop, kTop + plot_h, kLeft + plot_w, kLeft + plot_w / 2.0, kHeight - 6.0);
  svg += buf;
  svg += minutes ? "simulated time (min)</text>\n" : "simulated time (s)</text>\n";

  // The data: one polyline, a point per finite sample.
  svg += "<polyline class=\"line\" data-kpi=\"" + xml_escape(plot.id) + "\" points=\"";
  bool first = true;
  for (std::size_t i = 0; i < plot.x.size() && i < plot.y.size(); ++i) {
    if (!std::isfinite(plot.x[i]) || !std::isfinite(plot.y[i])) continue;
    std::snprintf(buf, sizeof buf, "%s%.1f,%.1f", first ? "" : " ", px(plot.x[i]), py(plot.y[i]));
    svg += buf;
    first = false;
  }
  svg += "\"/>\n</svg>\n";
  return svg;
}

}  // namespace citytwin::report
