// KPI columns carry how people see them, declared by the systems that report them.
#include <gtest/gtest.h>

#include <string>

#include "agents/families.hpp"

namespace citytwin {
namespace {

TEST(KpiDisplay, EveryColumnIsDeclaredWithATitleAndUnitAndTravelsWithTheSnapshot) {
  const Scenario scenario =
      load_scenario(std::string(CITYTWIN_SOURCE_DIR) + "/scenarios/grid_default.yaml");
  WorldOverrides overrides;
  overrides.threads = 1;
  auto world = build_world(scenario, overrides);
  const auto& columns = world->kpi_columns();
  ASSERT_EQ(columns.size(), world->timeseries().columns().size());
  for (std::size_t c = 0; c < columns.size(); ++c) {
    EXPECT_EQ(columns[c].name, world->timeseries().columns()[c]);
    EXPECT_FALSE(columns[c].display.title.empty()) << columns[c].name;
    EXPECT_FALSE(columns[c].display.unit.empty()) << columns[c].name;
    EXPECT_GT(columns[c].display.scale, 0.0) << columns[c].name;
  }
  const KpiColumn* speed = find_kpi(columns, "mean_speed_mps");
  ASSERT_NE(speed, nullptr);
  EXPECT_EQ(speed->display.unit, "km/h");
  EXPECT_DOUBLE_EQ(speed->display.scale, 3.6);
  EXPECT_EQ(speed->display.better, +1);
  EXPECT_EQ(find_kpi(columns, "total_delay_s")->display.better, -1);
  EXPECT_EQ(find_kpi(columns, "no_such_column"), nullptr);

  WorldView view;
  world->snapshot(view);
  ASSERT_NE(view.kpi_columns, nullptr);
  EXPECT_EQ(view.kpi_columns->size(), columns.size());
  EXPECT_EQ(&(*view.kpi_columns)[0], &columns[0]);  // shared, not copied per snapshot
}

TEST(KpiDisplay, AColumnWithoutATitleIsShownUnderItsName) {
  const KpiColumn bare{"queue_m", {}};
  EXPECT_EQ(bare.title(), "queue_m");
}

}  // namespace
}  // namespace citytwin
