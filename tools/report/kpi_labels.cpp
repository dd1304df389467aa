#include "tools/report/kpi_labels.hpp"

namespace citytwin::report {

KpiLabel kpi_label(std::string_view column) {
  struct Known {
    std::string_view column;
    const char* title;
    const char* unit;
    double scale;
  };
  static constexpr Known kKnown[] = {
      {"vehicles", "vehicles in network", "veh", 1.0},
      {"inserted", "vehicles inserted", "veh", 1.0},
      {"arrived", "vehicles arrived", "veh", 1.0},
      {"waiting_to_insert", "waiting to insert", "veh", 1.0},
      {"mean_speed_mps", "mean speed", "km/h", 3.6},
      {"halted", "halted vehicles", "veh", 1.0},
      {"throughput_veh_h", "throughput", "veh/h", 1.0},
      {"total_delay_s", "total delay", "veh-h", 1.0 / 3600.0},
      {"signal_green_share", "signal green share", "%", 100.0},
  };
  for (const Known& k : kKnown) {
    if (k.column == column) return {k.title, k.unit, k.scale};
  }
  return {std::string(column), "", 1.0};
}

}  // namespace citytwin::report
