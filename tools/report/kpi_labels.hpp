#pragma once
#include <string>
#include <string_view>

namespace citytwin::report {

// How a KPI column is shown to people: a title, a display unit and the factor from the recorded
// SI value to that unit (mean speed m/s -> km/h). Same wording as the viewer's KPI panel.
struct KpiLabel {
  std::string title;
  std::string unit;
  double scale = 1.0;
};

// Known columns get their label; any other column is shown under its own name, unscaled.
KpiLabel kpi_label(std::string_view column);

}  // namespace citytwin::report
