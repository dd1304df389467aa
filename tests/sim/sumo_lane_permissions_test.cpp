// Lanes SUMO reserves for some vehicle classes (allow / disallow) keep their permissions in
// citytwin (Lane::road_classes), and a vType's vClass becomes its road class, so that bus lanes
// and delivery-only streets are used only by the vehicles they are for.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "agents/traffic/vehicle_type_spec.hpp"
#include "sim/io/importers.hpp"
#include "support/scratch_dir.hpp"

namespace citytwin {
namespace {

namespace fs = std::filesystem;

// A two-lane road whose kerb lane is a bus lane, then a delivery-only street and an ordinary one.
constexpr const char* kNet = R"(<net>
  <edge id="a" from="W" to="C">
    <lane id="a_0" index="0" allow="bus" speed="13.9" length="200" shape="0,-4.8 200,-4.8"/>
    <lane id="a_1" index="1" disallow="pedestrian" speed="13.9" length="200" shape="0,-1.6 200,-1.6"/>
  </edge>
  <edge id="service" from="C" to="E"><lane id="service_0" index="0" allow="delivery bicycle pedestrian" speed="5" length="200" shape="200,-1.6 400,-1.6"/></edge>
  <edge id="road" from="C" to="N"><lane id="road_0" index="0" speed="13.9" length="200" shape="201.6,0 201.6,200"/></edge>
  <junction id="W" type="dead_end" x="0" y="0"/>
  <junction id="C" type="priority" x="200" y="0"/>
  <junction id="E" type="dead_end" x="400" y="0"/>
  <junction id="N" type="dead_end" x="200" y="200"/>
  <connection from="a" to="service" fromLane="0" toLane="0" dir="s"/>
  <connection from="a" to="road" fromLane="1" toLane="0" dir="l"/>
</net>)";

// kNet written into `dir` and imported.
Network import_reserved(const fs::path& dir, ImportReport& report) {
  const fs::path net = dir / "reserved.net.xml";
  std::ofstream(net) << kNet;
  return import_sumo_network(net, report);
}

TEST(SumoLanePermissions, ReservedLanesKeepTheClassesTheFileAllows) {
  const testing::ScratchDir scratch;
  ImportReport report;
  const Network network = import_reserved(scratch.path(), report);
  const Link& a = network.link(network.find_link("a"));
  ASSERT_EQ(a.lane_count, 2u);
  const Lane& bus_lane = network.lane(a.first_lane);
  EXPECT_EQ(bus_lane.road_classes, road_class_bit(RoadClass::kBus));
  EXPECT_FALSE(bus_lane.allows(RoadClass::kPassenger));
  EXPECT_EQ(network.lane(a.first_lane + 1).road_classes, kAllRoadClasses);
  const Lane& service = network.lane(network.link(network.find_link("service")).first_lane);
  EXPECT_EQ(service.road_classes, road_class_bit(RoadClass::kDelivery));
  // Kept as the file says, so nothing about them is reported as approximated any more.
  for (const std::string& line : report.approximated) {
    EXPECT_EQ(line.find("reserved"), std::string::npos) << line;
  }
}

TEST(SumoLanePermissions, AVTypesVClassIsItsRoadClass) {
  const testing::ScratchDir scratch;
  ImportReport report;
  const Network network = import_reserved(scratch.path(), report);
  const fs::path routes = scratch.path() / "types.rou.xml";
  std::ofstream(routes) << R"(<routes>
    <vType id="bus1" vClass="bus"/>
    <vType id="van" vClass="delivery"/>
    <vType id="racer" vClass="vip"/>
    <vType id="bike" vClass="bicycle"/>
    <trip id="t0" depart="0" from="a" to="road"/>
    <trip id="t1" depart="1" from="a" to="service" type="bus1"/>
    <trip id="t2" depart="2" from="a" to="service" type="van"/>
    <trip id="t3" depart="3" from="a" to="road" type="racer"/>
    <trip id="t4" depart="4" from="a" to="road" type="bike"/>
  </routes>)";
  DemandSpec demand;
  ImportReport route_report;
  import_sumo_routes(routes, network, 1, demand, route_report);
  auto road_class_of = [&](const std::string& sumo_id) {
    for (const VehicleTypeSpec& spec : demand.vehicle_types) {
      if (spec.name.find(sumo_id) != std::string::npos) return make_vehicle_type(spec).road_class;
    }
    ADD_FAILURE() << "no type for " << sumo_id;
    return RoadClass::kCustom2;
  };
  EXPECT_EQ(road_class_of("bus1"), RoadClass::kBus);
  EXPECT_EQ(road_class_of("van"), RoadClass::kDelivery);
  EXPECT_EQ(road_class_of("racer"), RoadClass::kVip);
  // A class that does not drive on roads gets passenger cars' lanes, and the report says so.
  EXPECT_EQ(road_class_of("bike"), RoadClass::kPassenger);
  bool reported = false;
  for (const std::string& line : route_report.approximated) {
    reported = reported || line.find("bike") != std::string::npos;
  }
  EXPECT_TRUE(reported);
}

}  // namespace
}  // namespace citytwin
