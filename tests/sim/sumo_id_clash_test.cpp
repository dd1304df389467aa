// SUMO keeps junction ids and edge ids apart, and real files use the same id for both (pasubio in
// Debian's sumo-tools: junction "10" and edge "10"). citytwin names nodes and links in one
// namespace, so the importer renames such a junction and the imported routes still run.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "agents/traffic/demand.hpp"
#include "sim/io/importers.hpp"
#include "support/scratch_dir.hpp"

namespace citytwin {
namespace {

namespace fs = std::filesystem;

TEST(SumoIdClash, JunctionNamedLikeAnEdgeIsRenamedAndRoutesStillResolve) {
  const testing::ScratchDir scratch;
  const fs::path net = scratch / "clash.net.xml";
  // Junction "mid" and edge "mid"; also edge "W", named like the dead end it starts at.
  std::ofstream(net) << R"(<net>
  <edge id="W" from="W" to="mid"><lane id="W_0" index="0" speed="10" length="100" shape="0,-1.6 100,-1.6"/></edge>
  <edge id="mid" from="mid" to="E"><lane id="mid_0" index="0" speed="10" length="100" shape="100,-1.6 200,-1.6"/></edge>
  <junction id="W" type="dead_end" x="0" y="0"/>
  <junction id="mid" type="priority" x="100" y="0"/>
  <junction id="E" type="dead_end" x="200" y="0"/>
  <connection from="W" to="mid" fromLane="0" toLane="0" dir="s"/>
</net>)";
  const fs::path routes = scratch / "clash.rou.xml";
  std::ofstream(routes) << R"(<routes>
  <vehicle id="v0" depart="0"><route edges="W mid"/></vehicle>
</routes>)";
  ImportReport report;
  const Network network = import_sumo_network(net, report);
  EXPECT_NE(network.find_link("W"), kNoId);
  EXPECT_NE(network.find_link("mid"), kNoId);
  EXPECT_EQ(network.find_node("W"), kNoId);
  EXPECT_EQ(network.find_node("mid"), kNoId);
  EXPECT_NE(network.find_node("junction:W"), kNoId);
  EXPECT_NE(network.find_node("junction:mid"), kNoId);
  EXPECT_NE(network.find_node("E"), kNoId) << "a junction without a namesake keeps its id";
  std::string approximated;
  for (const auto& line : report.approximated) approximated += line + "\n";
  EXPECT_NE(approximated.find("2 junctions whose id is also an edge id named junction:<id>"),
            std::string::npos)
      << approximated;

  // The imported trip names links W and mid: both resolve (before the rename: "names both a node
  // and a link").
  DemandSpec demand;
  import_sumo_routes(routes, network, 1, demand, report);
  const auto departures = generate_departures(demand, network, 1, 60.0);
  ASSERT_EQ(departures.size(), 1u);
  EXPECT_EQ(departures[0].origin, network.find_link("W"));
  EXPECT_EQ(departures[0].destination, network.find_link("mid"));
}

}  // namespace
}  // namespace citytwin
