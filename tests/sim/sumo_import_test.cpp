// SUMO importer against real files: every edge, lane, connection and tlLogic phase of the Hangzhou
// (LibSignal) and Jinan SUMO networks is read a second, independent way (a pugixml DOM) and found
// again in the imported Network; demand counts match what SUMO 1.15 loads; flow expansion matches
// SUMO's departures (measured with sumo --vehroute-output.intended-depart, see sumo_routes.cpp).
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "agents/traffic/vehicle_type_spec.hpp"
#include "sim/io/importers.hpp"
#include "support/scratch_dir.hpp"

namespace citytwin {
namespace {

namespace fs = std::filesystem;

// The real datasets ship with the repository (scenarios/data, provenance in its PROVENANCE.md).
fs::path scenario_data() {
  return fs::path(CITYTWIN_SOURCE_DIR) / "scenarios" / "data";
}
const fs::path kHangzhou = "hangzhou_4x4_sumo_libsignal/hangzhou_4x4_gudang_18041610_1h";
const fs::path kJinan = "jinan_3x4_sumo/jinan";

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += "  " + line + "\n";
  return out;
}

// Independent reading of the test expectations: same rules as importers.hpp, written out plainly.
bool drivable(const pugi::xml_node& lane) {
  const std::string allow = lane.attribute("allow").as_string();
  const std::string disallow = lane.attribute("disallow").as_string();
  if (!allow.empty()) {
    for (const char* road : {"passenger", "bus", "truck", "delivery", "all"}) {
      if (allow.find(road) != std::string::npos) return true;
    }
    return false;
  }
  return disallow != "all";  // the test networks only ever disallow pedestrian
}

SignalState expected_state(char c) {
  switch (c) {
    case 'G':
    case 'g':
    case 's':
      return SignalState::kGreen;
    case 'y':
    case 'Y':
      return SignalState::kAmber;
    case 'u':
      return SignalState::kRedAmber;
    case 'o':
    case 'O':
      return SignalState::kOff;
    default:
      return SignalState::kRed;
  }
}

std::vector<Vec2> parse_shape(const char* text) {
  std::vector<Vec2> points;
  std::string s = text;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = s.find(' ', start);
    if (end == std::string::npos) end = s.size();
    const std::string p = s.substr(start, end - start);
    const std::size_t comma = p.find(',');
    points.push_back({std::stod(p.substr(0, comma)), std::stod(p.substr(comma + 1))});
    start = end + 1;
  }
  return points;
}

// Checks `network` against the .net.xml it came from.
void expect_matches_file(const Network& network, const fs::path& file) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_file(file.c_str())) << file;
  const pugi::xml_node net = doc.child("net");
  std::map<std::string, LinkId> links;
  for (LinkId id = 0; id < network.links().size(); ++id) links[network.link(id).name] = id;

  // Edges and lanes: SUMO lane index -> citytwin lane id (after dropping non-drivable lanes).
  std::map<std::string, std::vector<LaneId>> lane_of;
  std::size_t edges = 0;
  for (const pugi::xml_node edge : net.children("edge")) {
    if (!std::string(edge.attribute("function").as_string()).empty()) continue;
    const std::string id = edge.attribute("id").as_string();
    std::vector<pugi::xml_node> kept;
    for (const pugi::xml_node lane : edge.children("lane")) {
      lane_of[id].push_back(drivable(lane) ? LaneId(kept.size()) : kNoId);
      if (drivable(lane)) kept.push_back(lane);
    }
    if (kept.empty()) {
      EXPECT_EQ(network.find_link(id), kNoId) << id;
      continue;
    }
    ++edges;
    ASSERT_TRUE(links.count(id)) << "edge " << id << " missing";
    const Link& link = network.link(links[id]);
    ASSERT_EQ(link.lane_count, kept.size()) << id;
    for (LaneId& lane : lane_of[id]) {
      if (lane != kNoId) lane += link.first_lane;
    }
    for (std::size_t i = 0; i < kept.size(); ++i) {
      const Lane& lane = network.lane(link.first_lane + static_cast<LaneId>(i));
      const double length = kept[i].attribute("length").as_double();
      EXPECT_NEAR(lane.length, length, 0.01 * length) << kept[i].attribute("id").as_string();
      EXPECT_DOUBLE_EQ(lane.speed_limit, kept[i].attribute("speed").as_double())
          << kept[i].attribute("id").as_string();
      // Geometry: citytwin's lane lies where SUMO's does (centre shape convention).
      const auto sumo_shape = parse_shape(kept[i].attribute("shape").as_string());
      const auto shape = network.lane_shape(link.first_lane + static_cast<LaneId>(i));
      ASSERT_EQ(shape.size(), sumo_shape.size());
      EXPECT_NEAR(distance(shape.front(), sumo_shape.front()), 0.0, 0.05);
      EXPECT_NEAR(distance(shape.back(), sumo_shape.back()), 0.0, 0.05);
    }
  }
  EXPECT_EQ(network.links().size(), edges);

  // Connections, each with the signal group of its (tl, linkIndex).
  std::size_t connections = 0;
  for (const pugi::xml_node c : net.children("connection")) {
    const std::string from = c.attribute("from").as_string();
    const std::string to = c.attribute("to").as_string();
    if (from[0] == ':' || to[0] == ':') continue;
    const LaneId from_lane = lane_of.at(from).at(c.attribute("fromLane").as_uint());
    const LaneId to_lane = lane_of.at(to).at(c.attribute("toLane").as_uint());
    if (from_lane == kNoId || to_lane == kNoId) continue;
    ++connections;
    const Connection* found = nullptr;
    for (const Connection& candidate : network.connections_from(from_lane)) {
      if (candidate.to_lane == to_lane) found = &candidate;
    }
    ASSERT_NE(found, nullptr) << from << " -> " << to;
    const std::string tl = c.attribute("tl").as_string();
    if (!tl.empty()) {
      ASSERT_NE(found->signal_group, kNoId);
      EXPECT_EQ(network.signal_group(found->signal_group).name,
                "tl " + tl + " link " + c.attribute("linkIndex").as_string());
    }
  }
  EXPECT_EQ(network.connections().size(), connections);

  // Every tlLogic phase: duration, and per signal group the state of its linkIndex.
  for (const pugi::xml_node tl : net.children("tlLogic")) {
    const std::string id = tl.attribute("id").as_string();
    std::size_t nodes_with_program = 0;
    for (const Node& node : network.nodes()) {
      if (node.signal_groups.empty()) continue;
      const std::string prefix = "tl " + id + " link ";
      if (network.signal_group(node.signal_groups.front()).name.rfind(prefix, 0) != 0) continue;
      ++nodes_with_program;
      ASSERT_NE(node.program, kNoId) << node.name;
      const SignalProgram& program = network.signal_program(node.program);
      const auto phases = network.program_phases(node.program);
      std::size_t k = 0;
      for (const pugi::xml_node phase : tl.children("phase")) {
        ASSERT_LT(k, phases.size());
        EXPECT_DOUBLE_EQ(phases[k].duration, phase.attribute("duration").as_double());
        const std::string state = phase.attribute("state").as_string();
        const auto states = network.phase_states(program, static_cast<std::uint32_t>(k));
        for (std::size_t g = 0; g < node.signal_groups.size(); ++g) {
          const std::string& name = network.signal_group(node.signal_groups[g]).name;
          const std::size_t index = std::stoul(name.substr(prefix.size()));
          EXPECT_EQ(states[g], expected_state(state.at(index))) << name << " phase " << k;
        }
        ++k;
      }
      EXPECT_EQ(k, phases.size());
      // Stage: a group G/g in every phase where some group of the node is green is green in
      // every stage; the others take the first phase showing them G/g, counting only phases that
      // show some such group green for the first time.
      auto green_at = [&](const std::string& state, SignalGroupId g) {
        const std::size_t index = std::stoul(network.signal_group(g).name.substr(prefix.size()));
        return state[index] == 'G' || state[index] == 'g';
      };
      std::map<std::size_t, std::size_t> first_green;
      std::set<SignalGroupId> every_stage;
      for (SignalGroupId g : node.signal_groups) {
        bool every = false;
        for (const pugi::xml_node phase : tl.children("phase")) {
          const std::string state = phase.attribute("state").as_string();
          bool any = false;
          for (SignalGroupId h : node.signal_groups) any = any || green_at(state, h);
          if (!any) continue;
          every = green_at(state, g);
          if (!every) break;
        }
        if (every) {
          first_green.emplace(g, 0);  // the stage its first green falls in
          every_stage.insert(g);
        }
      }
      std::size_t stage = 0;
      for (const pugi::xml_node phase : tl.children("phase")) {
        const std::string state = phase.attribute("state").as_string();
        bool opened = false;
        for (SignalGroupId g : node.signal_groups) {
          if (first_green.count(g) == 0 && green_at(state, g)) {
            first_green.emplace(g, stage);
            opened = true;
          }
        }
        stage += opened;
      }
      for (SignalGroupId g : node.signal_groups) {
        EXPECT_EQ(network.signal_group(g).stage, first_green.count(g) ? first_green[g] : 0u)
            << network.signal_group(g).name;
        EXPECT_EQ(network.signal_group(g).every_stage, every_stage.count(g) == 1)
            << network.signal_group(g).name;
      }
    }
    EXPECT_EQ(nodes_with_program, 1u) << id;
  }
}

// A missing dataset is a broken checkout, not a reason to skip: fail and say where it was looked
// for.
void require_scenario_data() {
  ASSERT_TRUE(fs::exists(scenario_data()))
      << "the real datasets are missing: expected them in " << scenario_data();
}

TEST(SumoImport, HangzhouNetworkMatchesTheFile) {
  ASSERT_NO_FATAL_FAILURE(require_scenario_data());
  const fs::path net = scenario_data() / kHangzhou.string().append(".net.xml");
  ImportReport report;
  const Network network = import_sumo_network(net, report);
  expect_matches_file(network, net);
  EXPECT_EQ(network.signal_programs().size(), 16u);
  EXPECT_EQ(report.signal_programs, 16u);
  EXPECT_EQ(report.links, network.links().size());
  std::size_t boundary = 0, signal = 0;
  for (const Node& node : network.nodes()) {
    boundary += node.control == NodeControl::kBoundary;
    signal += node.control == NodeControl::kSignal;
  }
  EXPECT_EQ(signal, 16u);
  EXPECT_EQ(boundary, 16u);  // the fringe stubs, as CityFlow's virtual intersections
  EXPECT_TRUE(report.skipped.empty()) << joined(report.skipped);
  std::cout << "Hangzhou approximated:\n" << joined(report.approximated);
}

TEST(SumoImport, JinanNetworkMatchesTheFile) {
  ASSERT_NO_FATAL_FAILURE(require_scenario_data());
  const fs::path net = scenario_data() / kJinan.string().append(".net.xml");
  ImportReport report;
  const Network network = import_sumo_network(net, report);
  expect_matches_file(network, net);
  EXPECT_EQ(network.signal_programs().size(), 12u);
  std::cout << "Jinan skipped:\n"
            << joined(report.skipped) << "Jinan approximated:\n"
            << joined(report.approximated);
}

TEST(SumoImport, SignalOffsetChangesSign) {
  // SUMO starts phase 0 at t = offset (checked with sumo 1.15 tlsStates output); citytwin shows at
  // time t the cycle position t + offset: so offset 10 in a 90 s cycle becomes 80.
  const testing::ScratchDir scratch;
  const fs::path& dir = scratch.path();
  const fs::path net = dir / "offset.net.xml";
  std::ofstream(net) << R"(<net>
  <edge id="in" from="W" to="C"><lane id="in_0" index="0" speed="10" length="100" shape="0,-1.6 100,-1.6"/></edge>
  <edge id="out" from="C" to="E"><lane id="out_0" index="0" speed="10" length="100" shape="100,-1.6 200,-1.6"/></edge>
  <tlLogic id="C" type="static" programID="0" offset="10">
    <phase duration="42" state="G"/><phase duration="3" state="y"/><phase duration="45" state="r"/>
  </tlLogic>
  <junction id="W" type="dead_end" x="0" y="0"/>
  <junction id="C" type="traffic_light" x="100" y="0"/>
  <junction id="E" type="dead_end" x="200" y="0"/>
  <connection from="in" to="out" fromLane="0" toLane="0" tl="C" linkIndex="0" dir="s"/>
</net>)";
  ImportReport report;
  const Network network = import_sumo_network(net, report);
  ASSERT_EQ(network.signal_programs().size(), 1u);
  EXPECT_DOUBLE_EQ(network.signal_program(0).offset, 80.0);
  EXPECT_DOUBLE_EQ(network.signal_program(0).cycle, 90.0);
  EXPECT_EQ(network.node(network.find_node("W")).control, NodeControl::kBoundary);
  EXPECT_EQ(network.node(network.find_node("C")).control, NodeControl::kSignal);
  // Lane shape convention: the single lane lies exactly where SUMO puts it.
  const auto shape = network.lane_shape(network.link(network.find_link("in")).first_lane);
  EXPECT_NEAR(shape.front().y, -1.6, 1e-9);
}

TEST(SumoImport, JoinedTrafficLightGivesOneProgramPerJunction) {
  // One tlLogic "J" controls junctions C1 (linkIndex 0) and C2 (linkIndex 1).
  const testing::ScratchDir scratch;
  const fs::path& dir = scratch.path();
  const fs::path net = dir / "joined.net.xml";
  std::ofstream(net) << R"(<net>
  <edge id="a" from="W" to="C1"><lane id="a_0" index="0" speed="10" length="100" shape="0,-1.6 100,-1.6"/></edge>
  <edge id="b" from="C1" to="C2"><lane id="b_0" index="0" speed="10" length="30" shape="100,-1.6 130,-1.6"/></edge>
  <edge id="c" from="C2" to="E"><lane id="c_0" index="0" speed="10" length="100" shape="130,-1.6 230,-1.6"/></edge>
  <tlLogic id="J" type="actuated" programID="0" offset="0">
    <phase duration="30" state="Gr" minDur="5" maxDur="50"/><phase duration="4" state="yr"/>
    <phase duration="30" state="rG"/><phase duration="4" state="ry"/>
  </tlLogic>
  <junction id="W" type="dead_end" x="0" y="0"/>
  <junction id="C1" type="traffic_light" x="100" y="0"/>
  <junction id="C2" type="traffic_light" x="130" y="0"/>
  <junction id="E" type="dead_end" x="230" y="0"/>
  <connection from="a" to="b" fromLane="0" toLane="0" tl="J" linkIndex="0" dir="s"/>
  <connection from="b" to="c" fromLane="0" toLane="0" tl="J" linkIndex="1" dir="s"/>
</net>)";
  ImportReport report;
  const Network network = import_sumo_network(net, report);
  ASSERT_EQ(network.signal_programs().size(), 2u);
  for (const char* name : {"C1", "C2"}) {
    const Node& node = network.node(network.find_node(name));
    ASSERT_EQ(node.signal_groups.size(), 1u) << name;
    ASSERT_NE(node.program, kNoId) << name;
    const SignalProgram& program = network.signal_program(node.program);
    EXPECT_DOUBLE_EQ(program.cycle, 68.0);
    const bool first = std::string(name) == "C1";
    EXPECT_EQ(network.phase_states(program, 0)[0], first ? SignalState::kGreen : SignalState::kRed);
    EXPECT_EQ(network.phase_states(program, 3)[0], first ? SignalState::kRed : SignalState::kAmber);
    // Stages count the phases green at that node: each junction's only group is green in every
    // phase where its node shows green, so it is green in every stage of the stage plan (nothing
    // at that node conflicts with it).
    EXPECT_EQ(network.signal_group(node.signal_groups[0]).stage, 0);
    EXPECT_TRUE(network.signal_group(node.signal_groups[0]).every_stage);
  }
  EXPECT_NE(joined(report.approximated).find("tlLogic of type actuated"), std::string::npos);
}

TEST(SumoImport, GeneratedNetworkWithJunctionMix) {
  if (std::system("command -v netgenerate > /dev/null 2>&1") != 0) {
    GTEST_SKIP() << "netgenerate not installed";
  }
  const testing::ScratchDir scratch;
  const fs::path& dir = scratch.path();
  const fs::path net = dir / "mix.net.xml";
  // right_before_left junctions, one actuated traffic light, sidewalks (lane 0, pedestrians only)
  // and pedestrian crossings: every kind of lane and edge the road import must leave out (the
  // pedestrian ones become the pedestrian layer, tests/sim/sumo_pedestrian_import_test.cpp).
  const std::string command =
      "SUMO_HOME=/usr/share/sumo netgenerate --grid --grid.number 3 --grid.length 100 "
      "--grid.attach-length 50 -L 2 -j right_before_left --tls.set B1 "
      "--tls.default-type actuated --sidewalks.guess --crossings.guess --seed 1 -o " +
      net.string() + " > " + (dir / "log.txt").string() + " 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  ImportReport report;
  const Network network = import_sumo_network(net, report);
  expect_matches_file(network, net);
  std::size_t boundary = 0, signal = 0, priority = 0;
  for (const Node& node : network.nodes()) {
    boundary += node.control == NodeControl::kBoundary;
    signal += node.control == NodeControl::kSignal;
    priority += node.control == NodeControl::kPriority;
  }
  EXPECT_EQ(signal, 1u);
  EXPECT_EQ(priority, 8u);
  EXPECT_EQ(boundary, 12u);
  for (const Link& link : network.links()) EXPECT_EQ(link.lane_count, 2u) << link.name;
  const std::string skipped = joined(report.skipped);
  const std::string approximated = joined(report.approximated);
  EXPECT_NE(approximated.find("pedestrian layer from the file"), std::string::npos) << approximated;
  EXPECT_EQ(skipped.find("no road vehicle"), std::string::npos) << skipped;
  // right_before_left comes through the junctions' <request> tables: not an approximation.
  EXPECT_EQ(approximated.find("right_before_left"), std::string::npos) << approximated;
  for (const Node& node : network.nodes()) {
    if (node.control == NodeControl::kPriority) EXPECT_TRUE(node.right_of_way_from_source);
  }
  EXPECT_NE(approximated.find("actuated"), std::string::npos) << approximated;
  EXPECT_NE(approximated.find("internal junction edges"), std::string::npos) << approximated;
}

TEST(SumoImport, HangzhouRoutesGiveEveryVehicleSumoLoads) {
  ASSERT_NO_FATAL_FAILURE(require_scenario_data());
  const fs::path base = scenario_data() / kHangzhou;
  ImportReport net_report;
  const Network network = import_sumo_network(base.string() + ".net.xml", net_report);
  DemandSpec demand;
  ImportReport report;
  import_sumo_routes(base.string() + ".rou.xml", network, 1, demand, report);
  // sumo -c ...sumocfg (1.15): "Inserted: 2936 (Loaded: 2983)" — the rest still waited at 3600 s.
  EXPECT_EQ(demand.trips.size(), 2983u);
  EXPECT_EQ(report.vehicles, 2983u);
  // The declared (unused) pkw, then SUMO's DEFAULT_VEHTYPE the vehicles drive.
  ASSERT_EQ(demand.vehicle_types.size(), 2u);
  EXPECT_EQ(demand.vehicle_types[0].name, "pkw");
  EXPECT_EQ(demand.vehicle_types[0].max_speed, 11.111);
  EXPECT_EQ(demand.vehicle_types[0].min_gap, 2.5);
  EXPECT_EQ(demand.vehicle_types[1].name, "sumo_DEFAULT_VEHTYPE");
  EXPECT_EQ(demand.vehicle_types[1].acceleration, 2.6);  // SUMO's passenger default
  // First vehicle: <route edges="road_4_0_1 road_4_1_1 road_4_2_0"/>, depart 0, default type.
  const TripSpec& first = demand.trips.front();
  EXPECT_EQ(first.from, "road_4_0_1");
  EXPECT_EQ(first.to, "road_4_2_0");
  EXPECT_EQ(first.via, std::vector<std::string>{"road_4_1_1"});
  EXPECT_EQ(first.vehicle_type, "sumo_DEFAULT_VEHTYPE");
  EXPECT_EQ(first.depart, 0.0);
  EXPECT_TRUE(report.skipped.empty()) << joined(report.skipped);
}

TEST(SumoImport, JinanRoutesGiveEveryVehicleSumoLoads) {
  ASSERT_NO_FATAL_FAILURE(require_scenario_data());
  const fs::path base = scenario_data() / kJinan;
  ImportReport net_report;
  const Network network = import_sumo_network(base.string() + ".net.xml", net_report);
  DemandSpec demand;
  ImportReport report;
  import_sumo_routes(base.string() + ".rou.xml", network, 1, demand, report);
  EXPECT_EQ(demand.trips.size(), 6295u);
  EXPECT_TRUE(report.skipped.empty()) << joined(report.skipped);
}

// A small network and route file written here: flows of every kind on a two-edge line.
class SumoFlowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_ / "line.net.xml") << R"(<net>
  <edge id="a" from="W" to="C"><lane id="a_0" index="0" speed="13.9" length="200" shape="0,-1.6 200,-1.6"/></edge>
  <edge id="b" from="C" to="E"><lane id="b_0" index="0" speed="13.9" length="200" shape="200,-1.6 400,-1.6"/></edge>
  <junction id="W" type="dead_end" x="0" y="0"/>
  <junction id="C" type="priority" x="200" y="0"/>
  <junction id="E" type="dead_end" x="400" y="0"/>
  <connection from="a" to="b" fromLane="0" toLane="0" dir="s"/>
</net>)";
    ImportReport report;
    network_ = import_sumo_network(dir_ / "line.net.xml", report);
  }

  std::vector<double> departs(const std::string& routes, ImportReport* out = nullptr,
                              std::uint64_t seed = 1) {
    std::ofstream(dir_ / "flows.rou.xml") << routes;
    DemandSpec demand;
    ImportReport report;
    import_sumo_routes(dir_ / "flows.rou.xml", network_, seed, demand, report);
    std::vector<double> times;
    for (const TripSpec& trip : demand.trips) times.push_back(trip.depart);
    if (out) *out = report;
    return times;
  }

  testing::ScratchDir scratch_;
  const fs::path& dir_ = scratch_.path();
  Network network_;
};

// Expected values are SUMO 1.15's own departures for the same flows (sumo --vehroute-output
// --vehroute-output.intended-depart on a test net).
TEST_F(SumoFlowTest, PeriodFlowsAreEquallySpacedAndEndIsExclusive) {
  EXPECT_EQ(
      departs(R"(<routes><route id="r" edges="a b"/>
    <flow id="f" route="r" begin="0" end="100" period="7.5"/></routes>)"),
      (std::vector<double>{0, 7.5, 15, 22.5, 30, 37.5, 45, 52.5, 60, 67.5, 75, 82.5, 90, 97.5}));
  EXPECT_EQ(departs(R"(<routes><route id="r" edges="a b"/>
    <flow id="f" route="r" begin="0" end="30" period="10"/></routes>)"),
            (std::vector<double>{0, 10, 20}));
}

TEST_F(SumoFlowTest, VehsPerHourIsAPeriod) {
  EXPECT_EQ(departs(R"(<routes><route id="r" edges="a b"/>
    <flow id="f" route="r" begin="5" end="100" vehsPerHour="100"/></routes>)"),
            (std::vector<double>{5, 41, 77}));
}

TEST_F(SumoFlowTest, NumberSpreadsOverBeginToEnd) {
  EXPECT_EQ(departs(R"(<routes><route id="r" edges="a b"/>
    <flow id="f" route="r" begin="6" end="16" number="4"/></routes>)"),
            (std::vector<double>{6, 8.5, 11, 13.5}));
  // 90 s / 7 in integer milliseconds, as SUMO: 12857 ms apart.
  const auto times = departs(R"(<routes><route id="r" edges="a b"/>
    <flow id="f" route="r" begin="10" end="100" number="7"/></routes>)");
  ASSERT_EQ(times.size(), 7u);
  EXPECT_DOUBLE_EQ(times[1], 22.857);
  EXPECT_DOUBLE_EQ(times[6], 87.142);
}

TEST_F(SumoFlowTest, NumberWithPeriodHasNoEnd) {
  EXPECT_EQ(departs(R"(<routes><route id="r" edges="a b"/>
    <flow id="f" route="r" begin="3" number="4" period="20"/></routes>)"),
            (std::vector<double>{3, 23, 43, 63}));
}

TEST_F(SumoFlowTest, ProbabilityFlowsAreDeterministicDrawsPerSecond) {
  const std::string routes = R"(<routes><route id="r" edges="a b"/>
    <flow id="f" route="r" begin="0" end="1000" probability="0.1"/></routes>)";
  ImportReport report;
  const auto times = departs(routes, &report);
  EXPECT_EQ(times, departs(routes));  // same key, same draws
  // The run's seed reaches the draws (as SUMO's --seed does): another seed, other times.
  EXPECT_NE(times, departs(routes, nullptr, 2));
  EXPECT_GT(times.size(), 60u);  // 100 expected
  EXPECT_LT(times.size(), 140u);
  for (double t : times) {
    EXPECT_EQ(t, std::floor(t));  // one draw per 1 s step
    EXPECT_LT(t, 1000.0);
  }
  EXPECT_NE(joined(report.approximated).find("probability flows"), std::string::npos);
  // number caps a probability flow.
  EXPECT_EQ(departs(R"(<routes><route id="r" edges="a b"/>
    <flow id="f" route="r" begin="0" probability="0.5" number="3"/></routes>)")
                .size(),
            3u);
}

TEST_F(SumoFlowTest, TripsFlowsFromToAndTimeFormats) {
  DemandSpec demand;
  ImportReport report;
  std::ofstream(dir_ / "mixed.rou.xml") << R"(<routes>
    <vType id="bus1" vClass="bus" length="12" accel="1.2" decel="4" tau="1.5" sigma="0.5"/>
    <trip id="t" depart="0:01:05" from="a" to="b" type="bus1"/>
    <vehicle id="v" depart="0:0:01:12"><route edges="a b"/></vehicle>
    <flow id="f" begin="80" end="90" period="5" from="a" to="b"/>
    <vehicle id="trig" depart="triggered"><route edges="a b"/></vehicle>
  </routes>)";
  import_sumo_routes(dir_ / "mixed.rou.xml", network_, 1, demand, report);
  ASSERT_EQ(demand.trips.size(), 4u);
  EXPECT_EQ(demand.trips[0].depart, 65.0);
  EXPECT_EQ(demand.trips[0].vehicle_type, "bus1");
  EXPECT_EQ(demand.trips[0].from, "a");
  EXPECT_EQ(demand.trips[1].depart, 72.0);
  EXPECT_EQ(demand.trips[2].depart, 80.0);
  EXPECT_EQ(demand.trips[3].depart, 85.0);
  // bus1, then DEFAULT_VEHTYPE (vehicles v and f name no type).
  ASSERT_EQ(demand.vehicle_types.size(), 2u);
  EXPECT_EQ(demand.vehicle_types[1].name, "sumo_DEFAULT_VEHTYPE");
  EXPECT_EQ(demand.vehicle_types[0].base, "bus");
  EXPECT_EQ(demand.vehicle_types[0].headway, 1.5);
  EXPECT_NE(joined(report.approximated).find("sigma"), std::string::npos);
  EXPECT_NE(joined(report.skipped).find("1 vehicles with depart=\"triggered\" skipped: trig"),
            std::string::npos)
      << joined(report.skipped);
}

// SUMO files often call their passenger vType "car": it must not clash with citytwin's built-in
// class of that name when the world's vehicle types are made (it did: "vehicle type 'car' is
// defined twice" at `citytwin run`, after import and validate had accepted the file).
TEST_F(SumoFlowTest, VTypesNamedLikeBuiltInClassesKeepTheirOwnParameters) {
  DemandSpec demand;
  ImportReport report;
  std::ofstream(dir_ / "named.rou.xml") << R"(<routes>
    <vType id="car" accel="1.1" maxSpeed="11"/>
    <vType id="bus" vClass="bus" length="14"/>
    <vType id="sumo_car" accel="2.2"/>
    <vehicle id="v1" depart="0" type="car"><route edges="a b"/></vehicle>
    <vehicle id="v2" depart="1" type="bus"><route edges="a b"/></vehicle>
    <vehicle id="v3" depart="2" type="sumo_car"><route edges="a b"/></vehicle>
    <vehicle id="v4" depart="3"><route edges="a b"/></vehicle>
  </routes>)";
  import_sumo_routes(dir_ / "named.rou.xml", network_, 1, demand, report);
  ASSERT_EQ(demand.trips.size(), 4u);
  ASSERT_EQ(demand.vehicle_types.size(), 4u);  // the three, then DEFAULT_VEHTYPE
  const std::string car = demand.trips[0].vehicle_type;
  const std::string bus = demand.trips[1].vehicle_type;
  EXPECT_NE(car, "car");
  EXPECT_NE(bus, "bus");
  EXPECT_NE(demand.trips[2].vehicle_type, car);
  // DEFAULT_VEHTYPE: SUMO's passenger defaults, not citytwin's built-in car.
  EXPECT_EQ(demand.trips[3].vehicle_type, "sumo_DEFAULT_VEHTYPE");
  std::vector<std::string> names;
  const auto types = vehicle_types_with(demand.vehicle_types, names);
  const auto index = [&names](const std::string& name) {
    return std::find(names.begin(), names.end(), name) - names.begin();
  };
  ASSERT_LT(index(car), static_cast<std::ptrdiff_t>(names.size())) << car;
  EXPECT_DOUBLE_EQ(types[index(car)].idm.max_acceleration, 1.1);
  EXPECT_DOUBLE_EQ(types[index(car)].idm.desired_speed, 11.0);
  ASSERT_LT(index(bus), static_cast<std::ptrdiff_t>(names.size())) << bus;
  EXPECT_DOUBLE_EQ(types[index(bus)].length, 14.0);
  ASSERT_LT(index(demand.trips[2].vehicle_type), static_cast<std::ptrdiff_t>(names.size()));
  EXPECT_DOUBLE_EQ(types[index(demand.trips[2].vehicle_type)].idm.max_acceleration, 2.2);
  // The same vType id twice in one file is still an error.
  std::ofstream(dir_ / "twice.rou.xml") << R"(<routes><vType id="car"/><vType id="car"/></routes>)";
  DemandSpec again;
  EXPECT_THROW(import_sumo_routes(dir_ / "twice.rou.xml", network_, 1, again, report), ImportError);
}

TEST_F(SumoFlowTest, UnsortedEntriesAreIgnoredAsSumoDoes) {
  // sumo 1.15: "Route file should be sorted by departure time, ignoring 'b'!" (and 'f', 'g').
  ImportReport report;
  EXPECT_EQ(departs(R"(<routes><route id="r" edges="a b"/>
    <vehicle id="a" route="r" depart="50"/>
    <vehicle id="b" route="r" depart="10"/>
    <flow id="f" route="r" begin="5" end="30" period="10"/>
    <vehicle id="c" route="r" depart="60"/>
    <flow id="g" route="r" begin="55" end="70" period="10"/></routes>)",
                    &report),
            (std::vector<double>{50, 60}));
  EXPECT_NE(joined(report.skipped).find("3 entries departing before"), std::string::npos);
}

}  // namespace
}  // namespace citytwin
