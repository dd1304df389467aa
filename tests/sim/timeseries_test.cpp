#include "sim/output/timeseries.hpp"

#include <gtest/gtest.h>

namespace citytwin {
namespace {

TEST(TimeSeries, WritesRowsInColumnOrderWithEmptyCellsForUnreported) {
  TimeSeries series;
  series.set_columns({"vehicles", "mean_speed"});
  series.append_row(60).set("vehicles", 12);
  auto row = series.append_row(120);
  row.set("mean_speed", 8.25);
  row.set("vehicles", 30);
  EXPECT_EQ(series.to_csv(), "time_s,vehicles,mean_speed\n60,12,\n120,30,8.25\n");
  EXPECT_EQ(series.column_index("mean_speed"), 1u);
  EXPECT_EQ(series.column_index("nope"), TimeSeries::npos);
}

TEST(TimeSeries, NumbersRoundTrip) {
  TimeSeries series;
  series.set_columns({"x"});
  series.append_row(0.1).set("x", 1.0 / 3.0);
  EXPECT_EQ(series.to_csv(), "time_s,x\n0.1,0.3333333333333333\n");
}

TEST(TimeSeries, UndeclaredColumnIsAProgrammingError) {
  TimeSeries series;
  series.set_columns({"x"});
  EXPECT_THROW(series.append_row(0).set("y", 1), std::logic_error);
}

}  // namespace
}  // namespace citytwin
