#include "sim/output/kpi_display.hpp"

#include <cmath>

namespace citytwin {

const KpiColumn* find_kpi(std::span<const KpiColumn> columns, std::string_view name) {
  for (const KpiColumn& c : columns) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

KpiDelta compare_kpi(double baseline, double variant, int better, double same_below) {
  KpiDelta d;
  d.delta = variant - baseline;
  const double reference = std::abs(baseline);
  d.relative = reference > 0.0 ? d.delta / reference : 0.0;
  // With a zero baseline any change is "large"; without one, compare the relative change.
  const bool changed = reference > 0.0 ? std::abs(d.relative) >= same_below : d.delta != 0.0;
  if (!changed || better == 0) return d;
  d.verdict =
      (d.delta > 0.0) == (better > 0) ? KpiDelta::Verdict::kBetter : KpiDelta::Verdict::kWorse;
  return d;
}

}  // namespace citytwin
