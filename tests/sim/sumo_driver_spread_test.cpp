// SUMO's speedFactor, speedDev and sigma reach each imported vehicle type as its drivers' spread
// (VehicleTypeSpec::speed_factor, speed_deviation, dawdling), with SUMO 1.15's defaults (factor
// 1, deviation 0.1, sigma 0.5) for what a vType leaves out; bad values are refused with their line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sim/io/importers.hpp"
#include "sim/io/sumo_speed_factor.hpp"
#include "support/scratch_dir.hpp"

namespace citytwin {
namespace {

const std::string kNet = std::string(CITYTWIN_TEST_DATA_DIR) + "/capacity/sumo_sat.net.xml";

DemandSpec import_routes(const std::string& xml, ImportReport& report) {
  testing::ScratchDir scratch;
  const auto file = scratch.path() / "t.rou.xml";
  std::ofstream(file) << xml;
  ImportReport net_report;
  const Network net = import_sumo_network(kNet, net_report);
  DemandSpec demand;
  import_sumo_routes(file, net, 1, demand, report);
  return demand;
}

TEST(SumoSpeedFactor, ReadsNumbersAndSumosNormalDistributions) {
  const auto plain = parse_sumo_speed_factor("1.2");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->mean, 1.2);
  EXPECT_FALSE(plain->deviation);
  const auto capped = parse_sumo_speed_factor("normc(1, 0.1, 0.2, 2)");
  ASSERT_TRUE(capped);
  EXPECT_EQ(capped->mean, 1.0);
  EXPECT_EQ(*capped->deviation, 0.1);
  EXPECT_TRUE(capped->default_bounds);
  const auto narrow = parse_sumo_speed_factor("normc(1,0.1,0.9,1.1)");
  ASSERT_TRUE(narrow);
  EXPECT_FALSE(narrow->default_bounds);
  const auto normal = parse_sumo_speed_factor("norm(0.9,0.05)");
  ASSERT_TRUE(normal);
  EXPECT_EQ(normal->mean, 0.9);
  EXPECT_EQ(*normal->deviation, 0.05);
  for (const char* bad : {"", "fast", "0", "-1", "norm(1)", "normc(1,0.1)", "uniform(0.9,1.1)",
                          "norm(1,-0.1)", "norm(1,0.1", "nan"}) {
    EXPECT_FALSE(parse_sumo_speed_factor(bad)) << bad;
  }
}

TEST(SumoDriverSpread, VTypesGiveTheirDriversSumosSpreadAndDawdling) {
  ImportReport report;
  const DemandSpec demand = import_routes(R"xml(<routes>
    <vType id="plain"/>
    <vType id="calm" sigma="0" speedDev="0"/>
    <vType id="fast" speedFactor="normc(1.2,0.05,0.2,2)"/>
    <vType id="bus1" vClass="bus" speedFactor="0.9" sigma="0.3"/>
    <trip id="a" depart="0" from="rin" to="rout" type="plain"/>
  </routes>)xml",
                                          report);
  ASSERT_EQ(demand.vehicle_types.size(), 4u);
  const VehicleTypeSpec& plain = demand.vehicle_types[0];
  EXPECT_EQ(*plain.speed_factor, 1.0);
  EXPECT_EQ(*plain.speed_deviation, 0.1);
  EXPECT_EQ(*plain.dawdling, 0.5);
  const VehicleTypeSpec& calm = demand.vehicle_types[1];
  EXPECT_EQ(*calm.speed_deviation, 0.0);
  EXPECT_EQ(*calm.dawdling, 0.0);
  const VehicleTypeSpec& fast = demand.vehicle_types[2];
  EXPECT_EQ(*fast.speed_factor, 1.2);
  EXPECT_EQ(*fast.speed_deviation, 0.05);
  const VehicleTypeSpec& bus = demand.vehicle_types[3];
  EXPECT_EQ(*bus.speed_factor, 0.9);
  EXPECT_EQ(*bus.speed_deviation, 0.1);  // SUMO's default spread around a plain factor
  EXPECT_EQ(*bus.dawdling, 0.3);
  for (const std::string& line : report.approximated) {
    EXPECT_EQ(line.find("speedFactor"), std::string::npos) << line;  // used, not ignored
  }
}

TEST(SumoDriverSpread, BadSpeedFactorsAreRefusedWithTheirLine) {
  for (const char* attributes : {R"x(speedFactor="uniform(1,2)")x", R"x(speedFactor="3")x",
                                 R"x(speedDev="1.5")x", R"x(sigma="2")x"}) {
    ImportReport report;
    try {
      import_routes(std::string("<routes>\n<vType id=\"t\" ") + attributes + "/>\n</routes>",
                    report);
      FAIL() << "accepted " << attributes;
    } catch (const ImportError& e) {
      EXPECT_NE(std::string(e.what()).find(":2:"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace citytwin
