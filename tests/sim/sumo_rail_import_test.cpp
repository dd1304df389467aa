// SUMO connections no traffic light controls (linkIndex="-1") and rail junctions: both are valid
// SUMO and must import. Rail-only edges are no road links, and a rail crossing does not stop road
// traffic at red for trains that never come (no trains run in citytwin): it imports as a priority
// junction with unsignalised road connections, and the report says so.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/io/importers.hpp"
#include "support/scratch_dir.hpp"

namespace citytwin {
namespace {

namespace fs = std::filesystem;

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += "  " + line + "\n";
  return out;
}

const Connection* connection_between(const Network& network, const std::string& from,
                                     const std::string& to) {
  const LinkId in = network.find_link(from);
  const LinkId out = network.find_link(to);
  if (in == kNoId || out == kNoId) return nullptr;
  for (const Connection& c : network.connections()) {
    if (network.lane(c.from_lane).link == in && network.lane(c.to_lane).link == out) return &c;
  }
  return nullptr;
}

// netconvert's rail crossing (tests/data/sumo/rail_crossing/README.md): a road W-C-E over a track
// N-C-S-T, C of type rail_crossing, S a rail_signal. Its connections name lights C and S that
// have no tlLogic; the track's connection through C has linkIndex -1.
TEST(SumoRailImport, RailCrossingImportsAsAPriorityJunctionForRoadTraffic) {
  const fs::path net =
      fs::path(CITYTWIN_TEST_DATA_DIR) / "sumo" / "rail_crossing" / "rail_crossing.net.xml";
  ImportReport report;
  const Network network = import_sumo_network(net, report);
  const std::string approximated = joined(report.approximated);
  const std::string skipped = joined(report.skipped);

  // The track is no road: no link a car could be routed over.
  for (const char* rail : {"NC", "CS", "ST"}) EXPECT_EQ(network.find_link(rail), kNoId) << rail;
  for (const char* road : {"WC", "CE", "EC", "CW"}) EXPECT_NE(network.find_link(road), kNoId);
  EXPECT_NE(skipped.find("lanes no road vehicle or pedestrian may use"), std::string::npos)
      << skipped;
  EXPECT_EQ(network.find_node("S"), kNoId) << "the rail signal has no road";

  // The crossing: a priority junction, no signal, no program, road connections unsignalised.
  const NodeId crossing = network.find_node("C");
  ASSERT_NE(crossing, kNoId);
  EXPECT_EQ(network.node(crossing).control, NodeControl::kPriority);
  EXPECT_TRUE(network.node(crossing).signal_groups.empty());
  EXPECT_TRUE(network.signal_programs().empty());
  for (const auto& [from, to] : {std::pair{"WC", "CE"}, std::pair{"EC", "CW"}}) {
    const Connection* c = connection_between(network, from, to);
    ASSERT_NE(c, nullptr) << from << " -> " << to;
    EXPECT_EQ(c->signal_group, kNoId) << from << " -> " << to;
  }
  EXPECT_NE(approximated.find("1 junctions of type rail_crossing imported as priority junctions "
                              "for road traffic: no trains run, so the road never closes: C"),
            std::string::npos)
      << approximated;
  // No default fixed-time plan for the crossing's light (it has no tlLogic).
  EXPECT_EQ(approximated.find("traffic lights without a tlLogic"), std::string::npos)
      << approximated;
}

// A road connection at a real traffic light with linkIndex -1 passes uncontrolled: it keeps no
// signal index (shown green, as every uncontrolled movement of a signalised junction) and the
// report lists it; the light's other movement keeps its program.
TEST(SumoRailImport, LinkIndexMinusOneIsAnUncontrolledConnection) {
  const testing::ScratchDir scratch;
  const fs::path net = scratch / "uncontrolled.net.xml";
  std::ofstream(net) << R"(<net>
  <edge id="in" from="W" to="C"><lane id="in_0" index="0" speed="10" length="100" shape="0,-1.6 100,-1.6"/></edge>
  <edge id="out" from="C" to="E"><lane id="out_0" index="0" speed="10" length="100" shape="100,-1.6 200,-1.6"/></edge>
  <edge id="side" from="N" to="C"><lane id="side_0" index="0" speed="10" length="100" shape="98.4,100 98.4,0"/></edge>
  <tlLogic id="C" type="static" programID="0" offset="0">
    <phase duration="30" state="G"/><phase duration="3" state="y"/><phase duration="30" state="r"/>
  </tlLogic>
  <junction id="W" type="dead_end" x="0" y="0"/>
  <junction id="N" type="dead_end" x="100" y="100"/>
  <junction id="C" type="traffic_light" x="100" y="0"/>
  <junction id="E" type="dead_end" x="200" y="0"/>
  <connection from="in" to="out" fromLane="0" toLane="0" tl="C" linkIndex="0" dir="s"/>
  <connection from="side" to="out" fromLane="0" toLane="0" tl="C" linkIndex="-1" dir="l"/>
</net>)";
  ImportReport report;
  const Network network = import_sumo_network(net, report);
  const NodeId node = network.find_node("C");
  ASSERT_NE(node, kNoId);
  EXPECT_EQ(network.node(node).control, NodeControl::kSignal);
  ASSERT_EQ(network.signal_programs().size(), 1u);

  const Connection* controlled = connection_between(network, "in", "out");
  const Connection* uncontrolled = connection_between(network, "side", "out");
  ASSERT_NE(controlled, nullptr);
  ASSERT_NE(uncontrolled, nullptr);
  EXPECT_EQ(network.signal_group(controlled->signal_group).name, "tl C link 0");
  ASSERT_NE(uncontrolled->signal_group, kNoId);
  EXPECT_EQ(network.signal_group(uncontrolled->signal_group).name, "uncontrolled");
  const std::string approximated = joined(report.approximated);
  EXPECT_NE(approximated.find("1 connections with linkIndex -1 (passing a traffic light's "
                              "junction uncontrolled) imported without a signal: side_0->out_0"),
            std::string::npos)
      << approximated;
}

// Only -1 means "not controlled"; any other negative index is still an error with its place.
TEST(SumoRailImport, OtherNegativeLinkIndexIsRefused) {
  const testing::ScratchDir scratch;
  const fs::path net = scratch / "negative.net.xml";
  std::ofstream(net) << R"(<net>
  <edge id="in" from="W" to="C"><lane id="in_0" index="0" speed="10" length="100" shape="0,-1.6 100,-1.6"/></edge>
  <edge id="out" from="C" to="E"><lane id="out_0" index="0" speed="10" length="100" shape="100,-1.6 200,-1.6"/></edge>
  <junction id="W" type="dead_end" x="0" y="0"/>
  <junction id="C" type="traffic_light" x="100" y="0"/>
  <junction id="E" type="dead_end" x="200" y="0"/>
  <connection from="in" to="out" fromLane="0" toLane="0" tl="C" linkIndex="-2" dir="s"/>
</net>)";
  ImportReport report;
  try {
    import_sumo_network(net, report);
    FAIL() << "linkIndex -2 imported";
  } catch (const ImportError& error) {
    EXPECT_EQ(std::string(error.what()),
              net.string() +
                  ":7:3: error: connection linkIndex: found \"-2\", expected an "
                  "integer >= 0");
  }
}

}  // namespace
}  // namespace citytwin
