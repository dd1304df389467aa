// `citytwin compare`: base and variants with one seed, each run's folder plus a tidy compare.csv.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "support/scratch_dir.hpp"
#include "tools/cli/compare_table.hpp"
#include "tools/cli_process.hpp"

namespace citytwin {
namespace {

using testing::read_all;
using testing::run_cli;

const std::string kGrid = std::string(CITYTWIN_SOURCE_DIR) + "/scenarios/grid_default.yaml";

std::string state_hash(const std::filesystem::path& folder) {
  return nlohmann::json::parse(read_all(folder / "summary.json"))["state_hash"];
}

TEST(CompareCli, EachRunMatchesThePlainRunWithTheSameSeedAndTheCsvHoldsTheDeltas) {
  const testing::ScratchDir dir;
  const auto r = run_cli("compare " + kGrid + " --variant short_cycle --variant demand_x2 " +
                         "--until 300s --threads 2 --out " + (dir / "cmp").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("short_cycle"), std::string::npos) << r.out;
  // Common random numbers: each run is exactly what `run` gives with that seed.
  for (const char* variant : {"", "short_cycle", "demand_x2"}) {
    const std::string name = *variant ? variant : "base";
    const auto plain_dir = dir / ("plain_" + name);
    const auto plain =
        run_cli("run " + kGrid + (*variant ? " --variant " + name : "") +
                " --until 300s --threads 1 --no-progress --out " + plain_dir.string());
    ASSERT_EQ(plain.exit_code, 0) << plain.err;
    EXPECT_EQ(state_hash(dir / "cmp" / name), state_hash(plain_dir)) << name;
  }
  std::istringstream csv(read_all(dir / "cmp" / "compare.csv"));
  std::string line;
  std::getline(csv, line);
  EXPECT_EQ(line, "metric,run,value,baseline,delta,delta_pct");
  std::size_t rows = 0;
  bool saw_trips = false;
  while (std::getline(csv, line)) {
    ++rows;
    if (line.rfind("trips_completed,demand_x2,", 0) == 0) {
      saw_trips = true;
      std::istringstream fields(line);
      std::string metric, run, value, baseline, delta;
      std::getline(fields, metric, ',');
      std::getline(fields, run, ',');
      std::getline(fields, value, ',');
      std::getline(fields, baseline, ',');
      std::getline(fields, delta, ',');
      EXPECT_DOUBLE_EQ(std::stod(delta), std::stod(value) - std::stod(baseline));
      EXPECT_GT(std::stod(value), std::stod(baseline)) << "twice the demand, more trips done";
    }
  }
  EXPECT_TRUE(saw_trips);
  EXPECT_EQ(rows % 2, 0u);  // one row per metric for each of the two variants
}

TEST(CompareCli, UnknownOrMissingVariantIsBadInputBeforeAnyRun) {
  const testing::ScratchDir dir;
  const auto unknown = run_cli("compare " + kGrid + " --variant short_cycle --variant nope --out " +
                               (dir / "cmp").string());
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown variant 'nope'"), std::string::npos) << unknown.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "cmp"));
  const auto none = run_cli("compare " + kGrid);
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("--variant"), std::string::npos) << none.err;
}

TEST(CompareTable, MetricsFromTotalsAndKpiMeansWithDeltasAgainstTheFirstRun) {
  using cli::ComparedRun;
  const std::vector<ComparedRun> runs{
      {"base", nlohmann::json::parse(R"({"totals": {"trips": 100, "delay": 50},
                                        "kpis": {"speed": {"last": 9, "mean": 10}}})")},
      {"v1", nlohmann::json::parse(R"({"totals": {"trips": 120, "delay": 0},
                                      "kpis": {"speed": {"last": 7, "mean": 8}}})")},
      {"v2", nlohmann::json::parse(R"({"totals": {"trips": 90},
                                      "kpis": {"speed": {"last": null, "mean": null}}})")}};
  const auto metrics = cli::compare_metrics(runs);
  ASSERT_EQ(metrics.size(), 3u);
  // Totals first (JSON objects iterate by name), then KPI means.
  EXPECT_EQ(metrics[0].metric, "delay");
  EXPECT_EQ(metrics[1].metric, "trips");
  EXPECT_EQ(metrics[2].metric, "speed (mean)");
  EXPECT_TRUE(std::isnan(metrics[0].values[2]));  // v2 has no delay
  const std::string csv = cli::compare_csv(runs, metrics);
  EXPECT_NE(csv.find("trips,v1,120,100,20,20\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("delay,v1,0,50,-50,-100\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("delay,v2,,50,,\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("speed (mean),v1,8,10,-2,-20\n"), std::string::npos) << csv;
  const std::string text = cli::compare_text(runs, metrics);
  EXPECT_NE(text.find("+20.0 %"), std::string::npos) << text;
}

}  // namespace
}  // namespace citytwin
