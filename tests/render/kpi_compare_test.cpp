#include <gtest/gtest.h>

#include "render/view_stream.hpp"
#include "sim/network/grid_generator.hpp"
#include "sim/output/kpi_display.hpp"

namespace citytwin::render {
namespace {

using Verdict = citytwin::KpiDelta::Verdict;
using citytwin::compare_kpi;
using citytwin::KpiDelta;

TEST(KpiCompare, LowerDelayIsBetterHigherThroughputIsBetter) {
  const int delay = -1;
  const int throughput = +1;
  EXPECT_EQ(compare_kpi(100.0, 80.0, delay).verdict, Verdict::kBetter);
  EXPECT_EQ(compare_kpi(100.0, 120.0, delay).verdict, Verdict::kWorse);
  EXPECT_EQ(compare_kpi(1000.0, 1100.0, throughput).verdict, Verdict::kBetter);
  EXPECT_EQ(compare_kpi(1000.0, 900.0, throughput).verdict, Verdict::kWorse);
  const KpiDelta d = compare_kpi(200.0, 150.0, delay);
  EXPECT_DOUBLE_EQ(d.delta, -50.0);
  EXPECT_DOUBLE_EQ(d.relative, -0.25);
}

TEST(KpiCompare, SmallChangesAndNeutralKpisAreNoVerdict) {
  EXPECT_EQ(compare_kpi(1000.0, 1004.0, +1).verdict, Verdict::kSame);  // 0.4 % < 0.5 %
  EXPECT_EQ(compare_kpi(1000.0, 1006.0, +1).verdict, Verdict::kBetter);
  EXPECT_EQ(compare_kpi(10.0, 50.0, 0).verdict, Verdict::kSame);  // "vehicles": neither
  // A zero baseline: any change counts, and the relative change is reported as 0.
  const KpiDelta from_zero = compare_kpi(0.0, 3.0, -1);
  EXPECT_EQ(from_zero.verdict, Verdict::kWorse);
  EXPECT_EQ(from_zero.relative, 0.0);
  EXPECT_EQ(compare_kpi(0.0, 0.0, -1).verdict, Verdict::kSame);
}

TEST(SameLayout, SameGeneratorSameLayoutOtherGeometryNot) {
  GridSpec spec;
  spec.rows = 2;
  spec.cols = 2;
  const Network a = generate_grid(spec);
  const Network b = generate_grid(spec);
  EXPECT_TRUE(same_layout(a, b));
  GridSpec longer = spec;
  longer.spacing += 10.0;
  EXPECT_FALSE(same_layout(a, generate_grid(longer)));
  GridSpec wider = spec;
  wider.lanes += 1;
  EXPECT_FALSE(same_layout(a, generate_grid(wider)));
}

}  // namespace
}  // namespace citytwin::render
