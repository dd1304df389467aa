#pragma once
#include <span>
#include <string_view>

namespace citytwin::render {

// How dashboards show a KPI column: title, display unit and scale from the stored SI value, and
// which direction is an improvement (for A/B deltas). Columns not listed are shown raw.
struct KpiDisplay {
  std::string_view kpi;  // the column name systems declare
  std::string_view title;
  std::string_view unit;
  double scale = 1.0;  // display value = stored value * scale
  int better = 0;      // +1: higher is better, -1: lower is better, 0: neither
};

std::span<const KpiDisplay> known_kpis();
const KpiDisplay* find_kpi_display(std::string_view kpi);

// One A/B comparison of a KPI: variant minus baseline, relative to the baseline, and whether it
// is an improvement. Changes smaller than `same_below` (relative) count as no change.
struct KpiDelta {
  enum class Verdict { kSame, kBetter, kWorse };
  double delta = 0.0;
  double relative = 0.0;  // delta / |baseline|; 0 when the baseline is 0
  Verdict verdict = Verdict::kSame;
};
KpiDelta compare_kpi(double baseline, double variant, int better, double same_below = 0.005);

}  // namespace citytwin::render
