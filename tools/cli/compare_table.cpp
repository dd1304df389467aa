#include "tools/cli/compare_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace citytwin::cli {
namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

double number_or_missing(const nlohmann::json& value) {
  return value.is_number() ? value.get<double>() : kMissing;
}

// Appends `name` unless present: metrics keep the order in which the runs first name them.
std::size_t metric_index(std::vector<ComparedMetric>& metrics, const std::string& name,
                         std::size_t runs) {
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    if (metrics[m].metric == name) return m;
  }
  metrics.push_back({name, std::vector<double>(runs, kMissing)});
  return metrics.size() - 1;
}

std::string number(double v) {
  if (std::isnan(v)) return "";
  char text[48];
  std::snprintf(text, sizeof text, "%.10g", v);
  return text;
}

}  // namespace

std::vector<ComparedMetric> compare_metrics(const std::vector<ComparedRun>& runs) {
  std::vector<ComparedMetric> metrics;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const auto& summary = runs[r].summary;
    if (summary.contains("totals")) {
      for (const auto& [name, value] : summary["totals"].items()) {
        metrics[metric_index(metrics, name, runs.size())].values[r] = number_or_missing(value);
      }
    }
    if (summary.contains("kpis")) {
      for (const auto& [name, entry] : summary["kpis"].items()) {
        const double mean = entry.contains("mean") ? number_or_missing(entry["mean"]) : kMissing;
        metrics[metric_index(metrics, name + " (mean)", runs.size())].values[r] = mean;
      }
    }
  }
  return metrics;
}

std::string compare_csv(const std::vector<ComparedRun>& runs,
                        const std::vector<ComparedMetric>& metrics) {
  std::string csv = "metric,run,value,baseline,delta,delta_pct\n";
  for (const auto& m : metrics) {
    const double base = m.values.empty() ? kMissing : m.values[0];
    for (std::size_t r = 1; r < runs.size(); ++r) {
      const double v = m.values[r];
      const double delta = v - base;
      const double pct = base != 0.0 ? 100.0 * delta / std::abs(base) : kMissing;
      csv += m.metric + "," + runs[r].name + "," + number(v) + "," + number(base) + "," +
             number(delta) + "," + number(pct) + "\n";
    }
  }
  return csv;
}

std::string compare_text(const std::vector<ComparedRun>& runs,
                         const std::vector<ComparedMetric>& metrics) {
  std::size_t name_width = 6;
  for (const auto& m : metrics) name_width = std::max(name_width, m.metric.size());
  char cell[96];
  std::string text;
  std::snprintf(cell, sizeof cell, "%-*s", static_cast<int>(name_width), "metric");
  text += cell;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    std::snprintf(cell, sizeof cell, r == 0 ? "  %14s" : "  %24s",
                  runs[r].name.substr(0, r == 0 ? 14 : 24).c_str());
    text += cell;
  }
  text += "\n";
  for (const auto& m : metrics) {
    std::snprintf(cell, sizeof cell, "%-*s", static_cast<int>(name_width), m.metric.c_str());
    text += cell;
    const double base = m.values[0];
    std::snprintf(cell, sizeof cell, "  %14.4g", base);
    text += cell;
    for (std::size_t r = 1; r < runs.size(); ++r) {
      const double v = m.values[r];
      if (base != 0.0 && !std::isnan(base) && !std::isnan(v)) {
        std::snprintf(cell, sizeof cell, "  %14.4g (%+6.1f %%)", v,
                      100.0 * (v - base) / std::abs(base));
      } else {
        std::snprintf(cell, sizeof cell, "  %14.4g %10s", v, "");
      }
      text += cell;
    }
    text += "\n";
  }
  return text;
}

}  // namespace citytwin::cli
