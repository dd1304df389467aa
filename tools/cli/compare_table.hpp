#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace citytwin::cli {

// One run of a comparison: its name ("base" or the variant) and its summary.json content.
struct ComparedRun {
  std::string name;
  nlohmann::json summary;
};

// A metric of every run side by side: end-of-run totals (trips completed, mean travel time, ...)
// and the mean of every KPI column over the run ("<kpi> (mean)").
struct ComparedMetric {
  std::string metric;
  std::vector<double> values;  // per run, in run order; NaN where a run lacks it
};
std::vector<ComparedMetric> compare_metrics(const std::vector<ComparedRun>& runs);

// Tidy CSV, one row per (metric, run other than the first): metric, run, value, baseline (the
// first run's value), delta, delta_pct (empty when the baseline is 0 or a value is missing).
std::string compare_csv(const std::vector<ComparedRun>& runs,
                        const std::vector<ComparedMetric>& metrics);

// The table for a terminal: a column per run, each variant's value followed by its change
// against the first run in percent.
std::string compare_text(const std::vector<ComparedRun>& runs,
                         const std::vector<ComparedMetric>& metrics);

}  // namespace citytwin::cli
