#pragma once
// Which KPI column a dashboard plots, as a family registers it (the dashboards hold no list of
// their own). Title, unit and scale come with the snapshot's KpiColumn, so only the choice and
// the axis live here.
#include <string>

namespace citytwin {

struct KpiPlot {
  std::string column;  // KPI column name, as the system reports it
  float y_min = 0.0f;  // lower end of the y axis in display units; the upper end follows the data
};

}  // namespace citytwin
