// SUMO's junction right-of-way comes from the net file: each junction's <request> rows (foes and
// response, right to left) become the foes of the node's connections, checked here against the
// same file read a second, independent way (pugixml). Tables that do not fit the junction's
// connections, and what is still approximated, are said in the import report (issue 18).
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "sim/io/importers.hpp"
#include "support/scratch_dir.hpp"

namespace citytwin {
namespace {

namespace fs = std::filesystem;

const fs::path kData = fs::path(CITYTWIN_TEST_DATA_DIR) / "sumo" / "right_of_way";

// (from edge, to edge, foe from edge, foe to edge, yields), for one junction.
using Pair = std::tuple<std::string, std::string, std::string, std::string, bool>;

// From the file: links numbered by their via lane (":J_k_l" -> k + l) or, without internal lanes,
// in incLanes order and file order per lane; bit j of a row is its character n - 1 - j.
std::set<Pair> expected_pairs(const fs::path& file, const std::string& junction) {
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_file(file.c_str()));
  const auto j = doc.child("net").find_child_by_attribute("junction", "id", junction.c_str());
  std::map<std::string, std::size_t> lane_order;
  std::size_t position = 0;
  for (const char* p = j.attribute("incLanes").value(); *p != '\0';) {
    std::string lane;
    while (*p != '\0' && *p != ' ') lane += *p++;
    while (*p == ' ') ++p;
    lane_order[lane] = position++;
  }
  std::map<std::size_t, std::pair<std::string, std::string>> link;  // index -> (from, to)
  std::map<std::pair<std::size_t, std::size_t>, std::vector<std::pair<std::string, std::string>>>
      by_lane;
  for (auto c : doc.child("net").children("connection")) {
    const std::string from = c.attribute("from").value();
    if (from[0] == ':') continue;
    const std::string lane = from + "_" + c.attribute("fromLane").value();
    if (!lane_order.contains(lane)) continue;
    const std::string via = c.attribute("via").value();
    if (!via.empty()) {
      const std::string rest = via.substr(junction.size() + 2);  // "k_l"
      const std::size_t sep = rest.find('_');
      link[std::stoul(rest.substr(0, sep)) + std::stoul(rest.substr(sep + 1))] = {
          from, c.attribute("to").value()};
    } else {
      by_lane[{lane_order[lane], 0}].push_back({from, c.attribute("to").value()});
    }
  }
  std::size_t next = 0;
  for (const auto& [key, list] : by_lane) {
    for (const auto& ft : list) link[next++] = ft;
  }
  std::set<Pair> pairs;
  for (auto r : j.children("request")) {
    const std::size_t i = r.attribute("index").as_uint();
    const std::string foes = r.attribute("foes").value();
    const std::string response = r.attribute("response").value();
    const std::size_t n = foes.size();
    for (std::size_t k = 0; k < n; ++k) {
      if (foes[n - 1 - k] != '1' || !link.contains(i) || !link.contains(k)) continue;
      pairs.insert({link[i].first, link[i].second, link[k].first, link[k].second,
                    response[n - 1 - k] == '1'});
    }
  }
  return pairs;
}

std::set<Pair> imported_pairs(const Network& net, const std::string& junction) {
  const NodeId node = net.find_node(junction);
  EXPECT_TRUE(net.node(node).right_of_way_from_source) << junction;
  auto edges = [&](ConnectionId c) {
    const Connection& conn = net.connection(c);
    return std::pair{net.link(net.lane(conn.from_lane).link).name,
                     net.link(net.lane(conn.to_lane).link).name};
  };
  std::set<Pair> pairs;
  for (ConnectionId c = 0; c < net.connections().size(); ++c) {
    if (net.connection(c).node != node) continue;
    for (const ConnectionFoe& foe : net.right_of_way(c)) {
      const auto [from, to] = edges(c);
      const auto [foe_from, foe_to] = edges(foe.other);
      pairs.insert({from, to, foe_from, foe_to, foe.yields});
    }
  }
  return pairs;
}

TEST(SumoRightOfWay, ConflictsAndYieldsAreSumosRequestMatrix) {
  for (const char* name : {"rbl_priority.net.xml", "rbl_priority_no_internal.net.xml"}) {
    ImportReport report;
    const Network net = import_sumo_network(kData / name, report);
    for (const char* junction : {"R", "P"}) {
      const auto expected = expected_pairs(kData / name, junction);
      EXPECT_GT(expected.size(), 20u) << name << " " << junction;
      EXPECT_EQ(imported_pairs(net, junction), expected) << name << " " << junction;
    }
  }
}

TEST(SumoRightOfWay, PriorityJunctionMinorRoadYieldsAndRightBeforeLeftYieldsToTheRight) {
  ImportReport report;
  const Network net = import_sumo_network(kData / "rbl_priority.net.xml", report);
  const auto p = imported_pairs(net, "P");
  // P: the major road (priority 2, RP/EP) goes first; the minor road's straight movement yields.
  EXPECT_TRUE(p.contains({"PNP", "PPS", "RP", "PE", true}));
  EXPECT_TRUE(p.contains({"RP", "PE", "PNP", "PPS", false}));
  const auto r = imported_pairs(net, "R");
  // R (right_before_left, four equal roads): eastbound WR->RP has northbound RSR on its right.
  EXPECT_TRUE(r.contains({"WR", "RP", "RSR", "RRN", true}));
  EXPECT_TRUE(r.contains({"RSR", "RRN", "WR", "RP", false}));
  // ...and so on round the junction: a cycle only broken at run time.
  EXPECT_TRUE(r.contains({"RSR", "RRN", "PR", "RW", true}));
  EXPECT_TRUE(r.contains({"PR", "RW", "RNR", "RRS", true}));
  EXPECT_TRUE(r.contains({"RNR", "RRS", "WR", "RP", true}));
  // Boundary dead ends have no table to apply; nothing else is marked.
  EXPECT_FALSE(net.node(net.find_node("W")).right_of_way_from_source);
}

TEST(SumoRightOfWay, AtATrafficLightOnlyMinorGreenLinksYield) {
  // netconvert's static program for P: through and right 'G', left turns 'g' (permissive). SUMO
  // lets a 'G' link go without looking at its response bits (link 1, the northern through, has
  // bits for the crossing road it never shows green with); a 'g' link yields to its green foes.
  ImportReport report;
  const Network net = import_sumo_network(kData / "tls_permissive.net.xml", report);
  const auto p = imported_pairs(net, "P");
  EXPECT_TRUE(p.contains({"EP", "PPS", "RP", "PE", true}));  // left turn yields to oncoming
  EXPECT_TRUE(p.contains({"RP", "PE", "EP", "PPS", false}));
  for (const auto& [from, to, foe_from, foe_to, yields] : p) {
    const bool left = (from == "EP" && to == "PPS") || (from == "RP" && to == "PPN") ||
                      (from == "PNP" && to == "PE") || (from == "PSP" && to == "PR");
    if (!left) EXPECT_FALSE(yields) << from << "->" << to << " yields to " << foe_from;
  }
  // Conflicts are still all of the file's foes (a vehicle waits while one is in its path).
  std::set<Pair> foes;
  for (const auto& [from, to, foe_from, foe_to, yields] :
       expected_pairs(kData / "tls_permissive.net.xml", "P")) {
    foes.insert({from, to, foe_from, foe_to, false});
  }
  std::set<Pair> imported_foes;
  for (const auto& [from, to, foe_from, foe_to, yields] : p) {
    imported_foes.insert({from, to, foe_from, foe_to, false});
  }
  EXPECT_EQ(imported_foes, foes);
}

TEST(SumoRightOfWay, TablesThatDoNotFitTheConnectionsAndRoundaboutsAreReported) {
  const testing::ScratchDir scratch;
  const fs::path net = scratch / "requests.net.xml";
  // C's table has three links for two connections (bit strings of the wrong length): citytwin's
  // geometric rules stay there, and the report says so.
  std::ofstream(net) << R"(<net>
  <edge id="in" from="W" to="C"><lane id="in_0" index="0" speed="10" length="100" shape="0,-1.6 100,-1.6"/></edge>
  <edge id="out" from="C" to="E"><lane id="out_0" index="0" speed="10" length="100" shape="100,-1.6 200,-1.6"/></edge>
  <edge id="side" from="N" to="C"><lane id="side_0" index="0" speed="10" length="100" shape="98.4,100 98.4,0"/></edge>
  <junction id="W" type="dead_end" x="0" y="0"><request index="0" response="0" foes="0" cont="0"/></junction>
  <junction id="N" type="dead_end" x="100" y="100"/>
  <junction id="C" type="priority" x="100" y="0" incLanes="in_0 side_0">
    <request index="0" response="000" foes="010" cont="0"/>
    <request index="1" response="001" foes="001" cont="0"/>
  </junction>
  <junction id="E" type="dead_end" x="200" y="0"/>
  <connection from="in" to="out" fromLane="0" toLane="0" dir="s" state="M"/>
  <connection from="side" to="out" fromLane="0" toLane="0" dir="l" state="m"/>
  <roundabout nodes="C" edges="in out"/>
</net>)";
  ImportReport report;
  const Network network = import_sumo_network(net, report);
  EXPECT_FALSE(network.node(network.find_node("C")).right_of_way_from_source);
  std::string approximated;
  for (const auto& line : report.approximated) approximated += line + "\n";
  EXPECT_NE(approximated.find("1 junctions whose <request> table does not match their "
                              "connections yield by citytwin's geometric rules: C\n"),
            std::string::npos)
      << approximated;
  EXPECT_NE(approximated.find("1 roundabouts (<roundabout>) not read"), std::string::npos)
      << approximated;
}

// A side road joining a through road at C, as a net file: `junction_c` is C's <junction>
// element and `side_state` the side road's connection state.
std::string side_road_net(const std::string& junction_c, const std::string& side_state) {
  return R"(<net>
  <edge id="in" from="W" to="C"><lane id="in_0" index="0" speed="10" length="100" shape="0,-1.6 100,-1.6"/></edge>
  <edge id="out" from="C" to="E"><lane id="out_0" index="0" speed="10" length="100" shape="100,-1.6 200,-1.6"/></edge>
  <edge id="side" from="N" to="C"><lane id="side_0" index="0" speed="10" length="100" shape="98.4,100 98.4,0"/></edge>
  <junction id="W" type="dead_end" x="0" y="0"/>
  <junction id="N" type="dead_end" x="100" y="100"/>
  )" + junction_c +
         R"(
  <junction id="E" type="dead_end" x="200" y="0"/>
  <connection from="in" to="out" fromLane="0" toLane="0" dir="s" state="M"/>
  <connection from="side" to="out" fromLane="0" toLane="0" dir="l" state=")" +
         side_state + R"("/>
</net>)";
}

TEST(SumoRightOfWay, TheSameTwoConnectionsWithAFittingTableUseIt) {
  const testing::ScratchDir scratch;
  const fs::path net = scratch / "requests.net.xml";
  std::ofstream(net) << side_road_net(
      R"(<junction id="C" type="priority" x="100" y="0" incLanes="in_0 side_0">
    <request index="0" response="00" foes="10" cont="0"/>
    <request index="1" response="01" foes="01" cont="0"/>
  </junction>)",
      "m");
  ImportReport report;
  const Network network = import_sumo_network(net, report);
  const auto pairs = imported_pairs(network, "C");
  const std::set<Pair> expected = {{"in", "out", "side", "out", false},
                                   {"side", "out", "in", "out", true}};
  EXPECT_EQ(pairs, expected);
}

TEST(SumoRightOfWay, AnUnregulatedJunctionLetsEveryoneThroughAsInSumo) {
  // netgenerate's spider centre: type "unregulated", no <request> rows. SUMO lets every vehicle
  // through without braking for anyone; treated as priority, citytwin's geometric rules queued
  // the spider's eight arms there for minutes.
  const testing::ScratchDir scratch;
  const fs::path net = scratch / "unregulated.net.xml";
  std::ofstream(net) << side_road_net(
      R"(<junction id="C" type="unregulated" x="100" y="0" incLanes="in_0 side_0"/>)", "M");
  ImportReport report;
  const Network network = import_sumo_network(net, report);
  EXPECT_TRUE(imported_pairs(network, "C").empty());
  std::string approximated;
  for (const std::string& line : report.approximated) approximated += line + "\n";
  EXPECT_NE(approximated.find("junctions of type unregulated: nobody gives way"), std::string::npos)
      << approximated;
}

}  // namespace
}  // namespace citytwin
