#include "render/kpi_catalogue.hpp"

#include <cmath>

namespace citytwin::render {
namespace {

// The traffic and signal systems' columns (agents/traffic, agents/signals).
constexpr KpiDisplay kKnown[] = {
    {"vehicles", "vehicles in network", "veh", 1.0, 0},
    {"inserted", "inserted", "veh", 1.0, 0},
    {"arrived", "arrived", "veh", 1.0, +1},
    {"waiting_to_insert", "waiting to enter", "veh", 1.0, -1},
    {"mean_speed_mps", "mean speed", "km/h", 3.6, +1},
    {"halted", "halted", "veh", 1.0, -1},
    {"throughput_veh_h", "throughput", "veh/h", 1.0, +1},
    {"total_delay_s", "total delay", "veh-h", 1.0 / 3600.0, -1},
    {"signal_green_share", "green share", "%", 100.0, 0},
};

}  // namespace

std::span<const KpiDisplay> known_kpis() {
  return kKnown;
}

const KpiDisplay* find_kpi_display(std::string_view kpi) {
  for (const KpiDisplay& k : kKnown) {
    if (k.kpi == kpi) return &k;
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

}  // namespace citytwin::render
