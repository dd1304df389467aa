// The ends of a SUMO network are boundary nodes even where netconvert gave the road's two
// directions different neighbours (it splits a road where its lane count changes: sumolib's
// BasicCross, BasicCorridor and RiLSA nets in Debian's sumo-tools). Without that those nets had
// no boundary node, and `demand.random`, which draws trips between boundary links, had no entry.
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

TEST(SumoFringeImport, JunctionWhereVehiclesCanOnlyTurnBackIsABoundary) {
  const testing::ScratchDir scratch;
  const fs::path net = scratch / "fringe.net.xml";
  // A loop A -> B -> D -> C -> A with D a dead end: A's way out leads to B, its way in comes from
  // C, and the only movement at A is the U-turn ca -> ab. B and C pass traffic straight on.
  std::ofstream(net) << R"(<net>
  <edge id="ab" from="A" to="B"><lane id="ab_0" index="0" speed="10" length="100" shape="0,-1.6 100,-1.6"/></edge>
  <edge id="bd" from="B" to="D"><lane id="bd_0" index="0" speed="10" length="100" shape="100,-1.6 200,-1.6"/></edge>
  <edge id="dc" from="D" to="C"><lane id="dc_0" index="0" speed="10" length="100" shape="200,1.6 100,1.6"/></edge>
  <edge id="ca" from="C" to="A"><lane id="ca_0" index="0" speed="10" length="100" shape="100,1.6 0,1.6"/></edge>
  <junction id="A" type="priority" x="0" y="0"/>
  <junction id="B" type="priority" x="100" y="-0.5"/>
  <junction id="C" type="priority" x="100" y="0.5"/>
  <junction id="D" type="dead_end" x="200" y="0"/>
  <connection from="ab" to="bd" fromLane="0" toLane="0" dir="s"/>
  <connection from="dc" to="ca" fromLane="0" toLane="0" dir="s"/>
  <connection from="ca" to="ab" fromLane="0" toLane="0" dir="t"/>
</net>)";
  ImportReport report;
  const Network network = import_sumo_network(net, report);
  EXPECT_EQ(network.node(network.find_node("A")).control, NodeControl::kBoundary);
  EXPECT_EQ(network.node(network.find_node("B")).control, NodeControl::kPriority);
  EXPECT_EQ(network.node(network.find_node("C")).control, NodeControl::kPriority);
  EXPECT_EQ(network.node(network.find_node("D")).control, NodeControl::kBoundary);
  std::string approximated;
  for (const auto& line : report.approximated) approximated += line + "\n";
  EXPECT_NE(approximated.find("1 junctions where vehicles can only turn back (U-turns only) "
                              "treated as boundary: A"),
            std::string::npos)
      << approximated;

  // Random demand now finds entries at A (and D): trips from ab to bd, from dc to ca.
  DemandSpec demand;
  demand.random = RandomDemandSpec{.rate = 0.5};
  const auto departures = generate_departures(demand, network, 1, 600.0);
  EXPECT_GT(departures.size(), 100u);
}

}  // namespace
}  // namespace citytwin
