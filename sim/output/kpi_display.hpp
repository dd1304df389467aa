#pragma once
#include <span>
#include <string>
#include <string_view>

namespace citytwin {

// How people see a KPI column, declared by the system that reports it (SystemDeclaration::kpi)
// and carried with the data (WorldView, summary.json), so dashboards, reports and comparisons
// need no list of their own: a title, a display unit, the factor from the recorded value to
// that unit (m/s -> km/h: 3.6), and which direction is an improvement.
struct KpiDisplay {
  std::string title;  // empty: the column name
  std::string unit;
  double scale = 1.0;
  int better = 0;  // +1: higher is better, -1: lower is better, 0: neither
};

struct KpiColumn {
  std::string name;
  KpiDisplay display;
  const std::string& title() const { return display.title.empty() ? name : display.title; }
};

// The column named `name`, or nullptr.
const KpiColumn* find_kpi(std::span<const KpiColumn> columns, std::string_view name);

// One A/B comparison of a value: variant minus baseline, relative to the baseline, and whether
// it is an improvement. Changes smaller than `same_below` (relative) count as no change.
struct KpiDelta {
  enum class Verdict { kSame, kBetter, kWorse };
  double delta = 0.0;
  double relative = 0.0;  // delta / |baseline|; 0 when the baseline is 0
  Verdict verdict = Verdict::kSame;
};
KpiDelta compare_kpi(double baseline, double variant, int better, double same_below = 0.005);

}  // namespace citytwin
