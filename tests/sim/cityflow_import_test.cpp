// CityFlow import of the real Jinan 3x4 and Hangzhou 4x4 datasets, checked against the JSON read
// independently here: every road, lane, laneLink and lightphase must be in the Network as CityFlow
// would simulate it, and the flows must give the vehicles CityFlow would generate.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/io/importers.hpp"

namespace citytwin {
namespace {

namespace fs = std::filesystem;

// The real datasets ship with the repository (scenarios/data, provenance in its PROVENANCE.md).
const fs::path kScenarioData = fs::path(CITYTWIN_SOURCE_DIR) / "scenarios" / "data";
const fs::path kTestData = fs::path(CITYTWIN_TEST_DATA_DIR) / "cityflow";

nlohmann::json read_json(const fs::path& file) {
  std::ifstream in(file);
  return nlohmann::json::parse(in);
}

bool contains_line(const std::vector<std::string>& lines, const std::string& start) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& l) { return l.rfind(start, 0) == 0; });
}

Turn turn_of(const std::string& type) {
  if (type == "turn_left") return Turn::kLeft;
  if (type == "turn_right") return Turn::kRight;
  return Turn::kStraight;
}

struct Dataset {
  const char* name;
  const char* roadnet;
  const char* flow;
  std::size_t signals;
  std::size_t vehicles;
};

void PrintTo(const Dataset& d, std::ostream* os) {
  *os << d.name;
}

class CityFlowRealDataTest : public ::testing::TestWithParam<Dataset> {};

TEST_P(CityFlowRealDataTest, RoadnetRoundTripsEveryRoadLaneLinkAndPhase) {
  const fs::path file = kScenarioData / GetParam().roadnet;
  ASSERT_TRUE(fs::exists(file)) << file << " missing (the datasets ship in scenarios/data)";
  ImportReport report;
  const Network net = import_cityflow_roadnet(file, report);
  const nlohmann::json json = read_json(file);

  // Intersections -> nodes.
  std::map<std::string, double> width_of;  // non-virtual intersections' widths
  std::size_t signals = 0;
  ASSERT_EQ(net.nodes().size(), json["intersections"].size());
  for (const auto& inter : json["intersections"]) {
    const NodeId node = net.find_node(inter["id"].get<std::string>());
    ASSERT_NE(node, kNoId) << inter["id"];
    EXPECT_EQ(net.node(node).position.x, inter["point"]["x"].get<double>());
    EXPECT_EQ(net.node(node).position.y, inter["point"]["y"].get<double>());
    if (inter["virtual"].get<bool>()) {
      EXPECT_EQ(net.node(node).control, NodeControl::kBoundary) << inter["id"];
    } else {
      width_of[inter["id"].get<std::string>()] = inter["width"].get<double>();
      EXPECT_EQ(net.node(node).control, NodeControl::kSignal) << inter["id"];
      ++signals;
    }
  }
  EXPECT_EQ(signals, GetParam().signals);
  EXPECT_EQ(report.nodes, net.nodes().size());

  // Roads -> links: lane count, CityFlow's lane length (the road shortened by the widths of its
  // non-virtual intersections; every road in these files is a straight 2-point road), speeds.
  ASSERT_EQ(net.links().size(), json["roads"].size());
  for (const auto& road : json["roads"]) {
    const LinkId id = net.find_link(road["id"].get<std::string>());
    ASSERT_NE(id, kNoId) << road["id"];
    const Link& link = net.link(id);
    EXPECT_EQ(net.node(link.from).name, road["startIntersection"].get<std::string>());
    EXPECT_EQ(net.node(link.to).name, road["endIntersection"].get<std::string>());
    const auto& lanes = road["lanes"];
    ASSERT_EQ(link.lane_count, lanes.size()) << road["id"];
    ASSERT_EQ(road["points"].size(), 2u);
    const double dx = road["points"][1]["x"].get<double>() - road["points"][0]["x"].get<double>();
    const double dy = road["points"][1]["y"].get<double>() - road["points"][0]["y"].get<double>();
    double expected = std::hypot(dx, dy);
    for (const char* end : {"startIntersection", "endIntersection"}) {
      const auto w = width_of.find(road[end].get<std::string>());
      if (w != width_of.end()) expected -= w->second;
    }
    EXPECT_NEAR(link.length, expected, 0.01 * expected) << road["id"];
    for (std::size_t k = 0; k < lanes.size(); ++k) {
      // CityFlow lane k (0 next to the centre line) is citytwin lane n-1-k (0 at the kerb).
      const Lane& lane = net.lane(link.first_lane + static_cast<LaneId>(lanes.size() - 1 - k));
      EXPECT_NEAR(lane.length, expected, 0.01 * expected);
      EXPECT_EQ(lane.speed_limit, lanes[k]["maxSpeed"].get<double>()) << road["id"] << " " << k;
      EXPECT_EQ(lane.width, lanes[k]["width"].get<double>());
    }
  }

  // roadLinks / laneLinks -> connections with one signal group per roadLink; lightphases ->
  // program phases.
  std::size_t lane_links = 0;
  for (const auto& inter : json["intersections"]) {
    if (inter["virtual"].get<bool>()) continue;
    const Node& node = net.node(net.find_node(inter["id"].get<std::string>()));
    const auto& road_links = inter["roadLinks"];
    ASSERT_EQ(node.signal_groups.size(), road_links.size());
    for (std::size_t k = 0; k < road_links.size(); ++k) {
      const SignalGroup& group = net.signal_group(node.signal_groups[k]);
      EXPECT_EQ(group.name, "rl" + std::to_string(k));
      const Link& from = net.link(net.find_link(road_links[k]["startRoad"].get<std::string>()));
      const Link& to = net.link(net.find_link(road_links[k]["endRoad"].get<std::string>()));
      EXPECT_EQ(group.connections.size(), road_links[k]["laneLinks"].size());
      for (const auto& lane_link : road_links[k]["laneLinks"]) {
        ++lane_links;
        const LaneId from_lane =
            from.first_lane + from.lane_count - 1 - lane_link["startLaneIndex"].get<LaneId>();
        const LaneId to_lane =
            to.first_lane + to.lane_count - 1 - lane_link["endLaneIndex"].get<LaneId>();
        const auto out = net.connections_from(from_lane);
        const auto c = std::find_if(out.begin(), out.end(),
                                    [&](const Connection& x) { return x.to_lane == to_lane; });
        ASSERT_NE(c, out.end()) << inter["id"] << " roadLink " << k;
        EXPECT_EQ(c->signal_group, node.signal_groups[k]);
        EXPECT_EQ(c->turn, turn_of(road_links[k]["type"].get<std::string>()));
      }
    }

    ASSERT_NE(node.program, kNoId) << inter["id"];
    const SignalProgram& program = net.signal_program(node.program);
    EXPECT_EQ(program.offset, 0.0);
    const auto& phases = inter["trafficLight"]["lightphases"];
    ASSERT_EQ(program.phase_count, phases.size());
    const auto program_phases = net.program_phases(node.program);
    for (std::size_t p = 0; p < phases.size(); ++p) {
      EXPECT_EQ(program_phases[p].duration, phases[p]["time"].get<double>());
      std::set<std::size_t> green;
      for (const auto& g : phases[p]["availableRoadLinks"]) green.insert(g.get<std::size_t>());
      const auto states = net.phase_states(program, static_cast<std::uint32_t>(p));
      ASSERT_EQ(states.size(), road_links.size());
      for (std::size_t k = 0; k < states.size(); ++k) {
        EXPECT_EQ(states[k], green.count(k) ? SignalState::kGreen : SignalState::kRed)
            << inter["id"] << " phase " << p << " roadLink " << k;
      }
    }
  }
  EXPECT_EQ(net.connections().size(), lane_links);
  EXPECT_EQ(report.connections, lane_links);
  EXPECT_EQ(report.signal_programs, GetParam().signals);
  EXPECT_TRUE(contains_line(report.approximated, std::to_string(lane_links) + " laneLink paths"));
  const std::size_t virtual_count = json["intersections"].size() - GetParam().signals;
  EXPECT_TRUE(contains_line(
      report.skipped, std::to_string(virtual_count) + " trafficLights of virtual intersections"))
      << (report.skipped.empty() ? "" : report.skipped[0]);
}

TEST_P(CityFlowRealDataTest, FlowGivesTheVehiclesCityFlowWouldGenerate) {
  ImportReport net_report;
  const Network net = import_cityflow_roadnet(kScenarioData / GetParam().roadnet, net_report);
  const fs::path file = kScenarioData / GetParam().flow;
  DemandSpec demand;
  ImportReport report;
  import_cityflow_flow(file, net, demand, report, 3600.0);

  EXPECT_EQ(report.vehicles, GetParam().vehicles);
  ASSERT_EQ(demand.trips.size(), GetParam().vehicles);
  EXPECT_TRUE(report.skipped.empty()) << report.skipped[0];
  // Every vehicle of these files has the same parameters: one type.
  ASSERT_EQ(demand.vehicle_types.size(), 1u);
  const VehicleTypeSpec& type = demand.vehicle_types[0];
  EXPECT_EQ(type.name, "cityflow_1");
  EXPECT_EQ(type.length, 5.0);
  EXPECT_EQ(type.max_speed, 11.111);
  EXPECT_EQ(type.acceleration, 2.0);
  EXPECT_EQ(type.deceleration, 1.5);  // usualNegAcc 4.5, IDM b capped (capacity_calibration.hpp)
  EXPECT_EQ(type.emergency_deceleration, 4.5);
  EXPECT_EQ(type.min_gap, 2.5);
  // headwayTime 2 s -> the IDM T whose queue discharge is CityFlow's 2.45 s/veh (not 2 s: see
  // sim/io/capacity_calibration.hpp; tests/agents/capacity_parity_test.cpp measures the result).
  ASSERT_TRUE(type.headway.has_value());
  EXPECT_NEAR(*type.headway, 1.31, 0.05);
  // CityFlow's vehicles stay in their route's lanes (tests/agents/route_lanes_test.cpp).
  EXPECT_TRUE(type.keeps_route_lanes);
  EXPECT_NE(report.approximated.back().find("headwayTime 2 s -> IDM T 1.31 s"), std::string::npos)
      << report.approximated.back();

  // One entry per vehicle (interval 1, startTime == endTime): the trips follow the file.
  const nlohmann::json json = read_json(file);
  ASSERT_EQ(json.size(), demand.trips.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    const TripSpec& trip = demand.trips[i];
    const auto& route = json[i]["route"];
    EXPECT_EQ(trip.depart, json[i]["startTime"].get<double>());
    EXPECT_EQ(trip.from, route.front().get<std::string>());
    EXPECT_EQ(trip.to, route.back().get<std::string>());
    ASSERT_EQ(trip.via.size(), route.size() - 2);
    for (std::size_t k = 0; k < trip.via.size(); ++k) EXPECT_EQ(trip.via[k], route[k + 1]);
    EXPECT_EQ(trip.vehicle_type, "cityflow_1");
  }
}

INSTANTIATE_TEST_SUITE_P(CityFlow, CityFlowRealDataTest,
                         ::testing::Values(Dataset{"Jinan", "jinan_3x4/roadnet_3_4.json",
                                                   "jinan_3x4/anon_3_4_jinan_real.json", 12, 6295},
                                           Dataset{"Hangzhou", "hangzhou_4x4/roadnet_4_4.json",
                                                   "hangzhou_4x4/anon_4_4_hangzhou_real.json", 16,
                                                   2983}),
                         [](const auto& info) { return std::string(info.param.name); });

// Jinan intersection_1_1: the right turns 2 3 6 10 are green in every phase (phase 0, 5 s, shows
// only them), so they are green in every stage; the stages count the phases in which roadLinks
// first go green: 0 and 7 in phase 1, 4 and 11 in phase 2, 1 and 8 in phase 3, 5 and 9 in phase 4.
TEST(CityFlowImport, StagesCountFirstGreensAndRightTurnsAreGreenInEveryStage) {
  ImportReport report;
  const Network net = import_cityflow_roadnet(kScenarioData / "jinan_3x4/roadnet_3_4.json", report);
  const Node& node = net.node(net.find_node("intersection_1_1"));
  const std::uint8_t expected[12] = {0, 2, 0, 0, 1, 3, 0, 0, 2, 3, 0, 1};
  const bool every[12] = {false, false, true,  true,  false, false,
                          true,  false, false, false, true,  false};
  ASSERT_EQ(node.signal_groups.size(), 12u);
  for (std::size_t k = 0; k < 12; ++k) {
    EXPECT_EQ(net.signal_group(node.signal_groups[k]).stage, expected[k]) << "rl" << k;
    EXPECT_EQ(net.signal_group(node.signal_groups[k]).every_stage, every[k]) << "rl" << k;
  }
}

TEST(CityFlowImport, SmallNetworkLanesGeometryAndSignals) {
  ImportReport report;
  const Network net = import_cityflow_roadnet(kTestData / "small_roadnet.json", report);
  const Link& wc = net.link(net.find_link("road_WC"));
  // 200 m from W (virtual) to C, less C's width of 10 m.
  EXPECT_DOUBLE_EQ(wc.length, 190.0);
  EXPECT_EQ(wc.speed_limit, 13.9);
  // CityFlow lane 0 (13.9 m/s) is the inner lane = citytwin lane 1; lane 1 (11 m/s) the kerb lane.
  EXPECT_EQ(net.lane(wc.first_lane + 1).speed_limit, 13.9);
  EXPECT_EQ(net.lane(wc.first_lane + 0).speed_limit, 11.0);
  // Geometry: road_WC runs east along y = 0; CityFlow puts lane 0 at y = -1.75 and lane 1 at
  // y = -5.25 (to the right of travel), from x = -200 to x = -10.
  const auto kerb = net.lane_shape(wc.first_lane + 0);
  const auto inner = net.lane_shape(wc.first_lane + 1);
  EXPECT_NEAR(kerb.front().y, -5.25, 1e-9);
  EXPECT_NEAR(inner.front().y, -1.75, 1e-9);
  EXPECT_NEAR(kerb.back().x, -10.0, 1e-9);

  // Stages: phase 0 gives nothing green (clearance); rl0 and rl2 first go in phase 1, rl1 in 2.
  const Node& c = net.node(net.find_node("C"));
  ASSERT_EQ(c.signal_groups.size(), 3u);
  EXPECT_EQ(net.signal_group(c.signal_groups[0]).stage, 0);
  EXPECT_EQ(net.signal_group(c.signal_groups[1]).stage, 1);
  EXPECT_EQ(net.signal_group(c.signal_groups[2]).stage, 0);
  // The left turn leaves CityFlow lane 0 (the inner one) of road_WC.
  const Link& cn = net.link(net.find_link("road_CN"));
  const auto from_inner = net.connections_from(wc.first_lane + 1);
  ASSERT_EQ(from_inner.size(), 2u);
  EXPECT_TRUE(std::any_of(from_inner.begin(), from_inner.end(), [&](const Connection& x) {
    return x.to_lane == cn.first_lane + 1 && x.turn == Turn::kLeft;
  }));
  EXPECT_EQ(report.skipped,
            std::vector<std::string>{
                "3 trafficLights of virtual intersections ignored (CityFlow ignores them too): W, "
                "E, N"});
  EXPECT_EQ(report.lanes, 10u);
}

TEST(CityFlowImport, IntersectionWithoutLightphasesIsAPriorityJunction) {
  nlohmann::json json = read_json(kTestData / "small_roadnet.json");
  json["intersections"][3]["trafficLight"]["lightphases"] = nlohmann::json::array();
  const fs::path file = fs::path(::testing::TempDir()) / "cityflow_priority_roadnet.json";
  std::ofstream(file) << json.dump();
  ImportReport report;
  const Network net = import_cityflow_roadnet(file, report);
  const Node& c = net.node(net.find_node("C"));
  EXPECT_EQ(c.control, NodeControl::kPriority);
  EXPECT_TRUE(c.signal_groups.empty());
  EXPECT_EQ(c.program, kNoId);
  EXPECT_EQ(net.connections().size(), 5u);
  for (const Connection& x : net.connections()) EXPECT_EQ(x.signal_group, kNoId);
}

TEST(CityFlowImport, FlowTimesAreInclusiveOfEndTimeAndTypesAreShared) {
  ImportReport net_report;
  const Network net = import_cityflow_roadnet(kTestData / "small_roadnet.json", net_report);
  DemandSpec demand;
  ImportReport report;
  import_cityflow_flow(kTestData / "small_flow.json", net, demand, report, 3600.0);

  std::vector<double> departs;
  for (const TripSpec& t : demand.trips) departs.push_back(t.depart);
  // Entry 0: interval 2 from 10 to 20 (20 included); entry 1: interval 3 from 0 to 10; entry 2:
  // one truck at 5 (the repeated road_WC counts once, as in CityFlow's router).
  EXPECT_EQ(departs, (std::vector<double>{10, 12, 14, 16, 18, 20, 0, 3, 6, 9, 5}));
  EXPECT_EQ(report.vehicles, 11u);
  ASSERT_EQ(demand.vehicle_types.size(), 2u);
  EXPECT_EQ(demand.trips[0].vehicle_type, "cityflow_1");
  EXPECT_EQ(demand.trips[6].vehicle_type, "cityflow_1");
  EXPECT_EQ(demand.trips[10].vehicle_type, "cityflow_2");
  EXPECT_EQ(demand.trips[10].from, "road_WC");
  EXPECT_EQ(demand.trips[10].to, "road_CN");
  EXPECT_TRUE(demand.trips[10].via.empty());
  EXPECT_EQ(demand.vehicle_types[1].length, 12.0);
  EXPECT_EQ(demand.vehicle_types[1].emergency_deceleration, 6.0);
  // usualNegAcc 3 -> IDM b capped at 1.5 m/s² (sim/io/capacity_calibration.hpp).
  EXPECT_EQ(demand.vehicle_types[1].deceleration, 1.5);

  // Entry 3 (road_WC -> road_CW, no U-turn roadLink) and entry 4 (one road) are skipped.
  EXPECT_EQ(report.skipped,
            (std::vector<std::string>{
                "1 flows (1 vehicles) skipped: consecutive route roads with no roadLink between "
                "them (CityFlow would search a shortest path): /3 (road_WC -> road_CW)",
                "1 flows (2 vehicles) skipped: route of a single road (CityFlow makes no vehicles "
                "for them): /4"}));

  // A second file appends trips and reuses the types it already finds.
  ImportReport again;
  import_cityflow_flow(kTestData / "small_flow.json", net, demand, again, 3600.0);
  EXPECT_EQ(demand.trips.size(), 22u);
  EXPECT_EQ(demand.vehicle_types.size(), 2u);
}

// CityFlow reads startTime/endTime as ints (a 2.5 there makes it fall back to its defaults);
// citytwin takes the value as given and says so in the report.
TEST(CityFlowImport, FractionalTimesAreKeptAndReported) {
  ImportReport net_report;
  const Network net = import_cityflow_roadnet(kTestData / "small_roadnet.json", net_report);
  nlohmann::json json = read_json(kTestData / "small_flow.json");
  json[0]["startTime"] = 12.5;
  const fs::path file = fs::path(::testing::TempDir()) / "cityflow_fractional_flow.json";
  std::ofstream(file) << json.dump();
  DemandSpec demand;
  ImportReport report;
  import_cityflow_flow(file, net, demand, report, 3600.0);
  ASSERT_GE(demand.trips.size(), 4u);
  EXPECT_EQ(demand.trips[0].depart, 12.5);
  EXPECT_EQ(demand.trips[3].depart, 18.5);  // 12.5, 14.5, 16.5, 18.5; 20.5 is after endTime
  EXPECT_EQ(demand.trips[4].depart, 0.0);
  EXPECT_TRUE(contains_line(report.approximated, "1 startTime/endTime values are not integers"));
}

// endTime -1, and no endTime (CityFlow's default -1), mean "until the simulation ends"
// (CityFlow's own generator writes -1): departures at startTime + k * interval before `until`.
TEST(CityFlowImport, EndlessFlowsRunUntilTheSimulationEnds) {
  ImportReport net_report;
  const Network net = import_cityflow_roadnet(kTestData / "small_roadnet.json", net_report);
  nlohmann::json json = read_json(kTestData / "small_flow.json");
  json[0]["endTime"] = -1;   // start 10, interval 2
  json[1].erase("endTime");  // start 0, interval 3
  json[2]["endTime"] = -1;   // start 5, interval 1: after `until`, no vehicle
  json[2]["startTime"] = 40;
  const fs::path file = fs::path(::testing::TempDir()) / "cityflow_endless_flow.json";
  std::ofstream(file) << json.dump();
  DemandSpec demand;
  ImportReport report;
  import_cityflow_flow(file, net, demand, report, 30.0);
  std::vector<double> first, second;
  for (const TripSpec& trip : demand.trips) {
    if (trip.to == "road_CE") first.push_back(trip.depart);
    if (trip.to == "road_CW") second.push_back(trip.depart);
    EXPECT_NE(trip.to, "road_CN") << "a flow starting after the end made a vehicle";
  }
  // 10, 12, ..., 28 (30 is the end: the run stops there); 0, 3, ..., 27.
  ASSERT_EQ(first.size(), 10u);
  EXPECT_EQ(first.front(), 10.0);
  EXPECT_EQ(first.back(), 28.0);
  ASSERT_EQ(second.size(), 10u);
  EXPECT_EQ(second.back(), 27.0);
  EXPECT_TRUE(contains_line(report.approximated, "3 flows with endTime -1 or none"))
      << ::testing::PrintToString(report.approximated);
  // Without a finite end for them there is nothing to expand to.
  DemandSpec none;
  ImportReport refused;
  EXPECT_THROW(
      import_cityflow_flow(file, net, none, refused, std::numeric_limits<double>::infinity()),
      ImportError);
}

}  // namespace
}  // namespace citytwin
