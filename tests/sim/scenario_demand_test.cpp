// Good paths of the demand section's zones, od matrices and explicit trips (the malformed ones are
// rows of scenario_malformed_test.cpp).
#include <gtest/gtest.h>

#include "agents/families.hpp"

namespace citytwin {
namespace {

Scenario load(std::string_view yaml, const LoadOptions& options = {}) {
  return load_scenario_from_string(yaml, "/virtual/demand.yaml", options);
}

TEST(ScenarioDemandTest, DecodesZonesAndOdEntries) {
  // od comes before zones on purpose: the order of keys in the file does not matter.
  const Scenario s = load(R"(
name: od
simulation: {duration: 2 h}
demand:
  od:
    - {from: north, to: south, trips: 120, begin: 10 min, end: 1 h, headways: uniform,
       vehicle_type: bus}
    - {from: south, to: north, trips: 0}
  zones:
    north: [B_N_c0, B_N_c1]
    south: J_r0_c1->B_S_c1
)");
  ASSERT_EQ(s.demand.zones.size(), 2u);
  EXPECT_EQ(s.demand.zones.at("north"), (std::vector<std::string>{"B_N_c0", "B_N_c1"}));
  EXPECT_EQ(s.demand.zones.at("south"), std::vector<std::string>{"J_r0_c1->B_S_c1"});
  ASSERT_EQ(s.demand.od.size(), 2u);
  const OdSpec& first = s.demand.od[0];
  EXPECT_EQ(first.from, "north");
  EXPECT_EQ(first.to, "south");
  EXPECT_EQ(first.trips, 120u);
  EXPECT_DOUBLE_EQ(first.begin, 600.0);
  EXPECT_DOUBLE_EQ(first.end, 3600.0);
  EXPECT_EQ(first.headways, Headways::kUniform);
  EXPECT_EQ(first.vehicle_type, "bus");
  const OdSpec& defaults = s.demand.od[1];
  EXPECT_EQ(defaults.trips, 0u);
  EXPECT_DOUBLE_EQ(defaults.begin, 0.0);
  EXPECT_DOUBLE_EQ(defaults.end, 0.0);
  EXPECT_EQ(defaults.headways, Headways::kPoisson);
  EXPECT_EQ(defaults.vehicle_type, "car");
}

TEST(ScenarioDemandTest, DecodesExplicitTrips) {
  const Scenario s = load(R"(
name: trips
demand:
  trips:
    - depart: 30 s
      from: B_W_r0
      to: B_E_r0
      via: [J_r0_c0->J_r1_c0, J_r1_c0->J_r1_c1]
      vehicle_type: shuttle
    - {depart: 1.5 min, from: B_S_c0, to: B_N_c0, via: J_r0_c0->J_r1_c0}
    - {depart: 0 s, from: B_S_c0, to: B_N_c0}
)");
  ASSERT_EQ(s.demand.trips.size(), 3u);
  EXPECT_DOUBLE_EQ(s.demand.trips[0].depart, 30.0);
  EXPECT_EQ(s.demand.trips[0].from, "B_W_r0");
  EXPECT_EQ(s.demand.trips[0].to, "B_E_r0");
  EXPECT_EQ(s.demand.trips[0].via,
            (std::vector<std::string>{"J_r0_c0->J_r1_c0", "J_r1_c0->J_r1_c1"}));
  EXPECT_EQ(s.demand.trips[0].vehicle_type, "shuttle");
  EXPECT_DOUBLE_EQ(s.demand.trips[1].depart, 90.0);
  EXPECT_EQ(s.demand.trips[1].via, std::vector<std::string>{"J_r0_c0->J_r1_c0"});
  EXPECT_EQ(s.demand.trips[1].vehicle_type, "car");
  EXPECT_TRUE(s.demand.trips[2].via.empty());
}

TEST(ScenarioDemandTest, VariantsReplaceOdListsAndMergeZones) {
  constexpr std::string_view kYaml = R"(
name: variants
demand:
  zones:
    north: [B_N_c0]
    south: [B_S_c0]
  od:
    - {from: north, to: south, trips: 100}
variants:
  more_zones:
    demand:
      zones:
        east: [B_E_r0]
      od:
        - {from: north, to: east, trips: 50}
        - {from: east, to: south, trips: 25}
)";
  const Scenario baseline = load(kYaml);
  EXPECT_EQ(baseline.demand.zones.size(), 2u);
  ASSERT_EQ(baseline.demand.od.size(), 1u);
  const Scenario variant = load(kYaml, LoadOptions{"more_zones"});
  EXPECT_EQ(variant.demand.zones.size(), 3u);  // mappings merge key by key
  ASSERT_EQ(variant.demand.od.size(), 2u);     // sequences are replaced whole
  EXPECT_EQ(variant.demand.od[1].from, "east");
  EXPECT_EQ(variant.demand.od[1].trips, 25u);
}

TEST(ScenarioDemandTest, UnroutableTripsAreRefusedUnlessTheScenarioSkipsThem) {
  EXPECT_EQ(load("name: a\n").demand.unroutable, UnroutableTrips::kError);
  EXPECT_EQ(load("name: a\ndemand:\n  unroutable: skip\n").demand.unroutable,
            UnroutableTrips::kSkip);
  try {
    load("name: a\ndemand:\n  unroutable: skp\n");
    FAIL() << "loaded without error";
  } catch (const ScenarioError& error) {
    EXPECT_EQ(error.key_path(), "demand.unroutable");
    EXPECT_NE(error.message().find("did you mean 'skip'"), std::string::npos) << error.message();
  }
}

TEST(ScenarioDemandTest, DecodesVehicleTypesWithTheirRoadClass) {
  const Scenario s = load(R"(
name: types
demand:
  vehicle_types:
    - {name: van, base: truck, road_class: delivery, length: 7 m, max_speed: 40 km/h,
       acceleration: 1.1, deceleration: 2, min_gap: 2.5 m, headway: 1.2 s, speed_factor: 1.1,
       speed_deviation: 0.05, dawdling: 0.3}
    - {name: articulated, base: bus}
)");
  ASSERT_EQ(s.demand.vehicle_types.size(), 2u);
  const VehicleTypeSpec& van = s.demand.vehicle_types[0];
  EXPECT_EQ(van.name, "van");
  EXPECT_EQ(van.base, "truck");
  EXPECT_EQ(van.road_class, RoadClass::kDelivery);
  EXPECT_DOUBLE_EQ(*van.length, 7.0);
  EXPECT_NEAR(*van.max_speed, 40.0 / 3.6, 1e-12);
  EXPECT_DOUBLE_EQ(*van.acceleration, 1.1);
  EXPECT_DOUBLE_EQ(*van.deceleration, 2.0);
  EXPECT_DOUBLE_EQ(*van.min_gap, 2.5);
  EXPECT_DOUBLE_EQ(*van.headway, 1.2);
  EXPECT_FALSE(van.emergency_deceleration.has_value());
  EXPECT_DOUBLE_EQ(*van.speed_factor, 1.1);
  EXPECT_DOUBLE_EQ(*van.speed_deviation, 0.05);
  EXPECT_DOUBLE_EQ(*van.dawdling, 0.3);
  const VehicleTypeSpec& bus = s.demand.vehicle_types[1];
  EXPECT_EQ(bus.base, "bus");
  EXPECT_FALSE(bus.road_class.has_value());       // its base's: bus
  EXPECT_FALSE(bus.speed_deviation.has_value());  // drivers alike
  try {
    load("name: a\ndemand:\n  vehicle_types:\n    - {name: b, speed_factor: 3}\n");
    FAIL() << "loaded without error";
  } catch (const ScenarioError& error) {
    EXPECT_EQ(error.key_path(), "demand.vehicle_types[0].speed_factor");
  }
  try {
    load("name: a\ndemand:\n  vehicle_types:\n    - {name: b, road_class: buss}\n");
    FAIL() << "loaded without error";
  } catch (const ScenarioError& error) {
    EXPECT_EQ(error.key_path(), "demand.vehicle_types[0].road_class");
    EXPECT_NE(error.message().find("did you mean 'bus'"), std::string::npos) << error.message();
  }
}

TEST(ScenarioDemandTest, OdWithoutAnyZonesSaysWhereToDefineThem) {
  try {
    load(R"(
name: missing_zone
demand:
  od:
    - {from: north, to: south, trips: 10}
)");
    FAIL() << "loaded without error";
  } catch (const ScenarioError& error) {
    EXPECT_EQ(error.message(), "unknown zone 'north'; define it under demand.zones");
    EXPECT_EQ(error.key_path(), "demand.od[0].from");
    EXPECT_EQ(error.line(), 5);
  }
}

}  // namespace
}  // namespace citytwin
