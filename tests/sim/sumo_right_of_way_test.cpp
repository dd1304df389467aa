// What the SUMO importer does not read must still be said: a junction's right-of-way table
// (<request> response/foes, with each connection's state) and <roundabout> elements are replaced by
// citytwin's own yielding rules, and the import report lists them (issue 18: nothing dropped
// silently).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sim/io/importers.hpp"
#include "support/scratch_dir.hpp"

namespace citytwin {
namespace {

namespace fs = std::filesystem;

TEST(SumoUnreadElements, RightOfWayTablesAndRoundaboutsAreReported) {
  const testing::ScratchDir scratch;
  const fs::path net = scratch / "requests.net.xml";
  std::ofstream(net) << R"(<net>
  <edge id="in" from="W" to="C"><lane id="in_0" index="0" speed="10" length="100" shape="0,-1.6 100,-1.6"/></edge>
  <edge id="out" from="C" to="E"><lane id="out_0" index="0" speed="10" length="100" shape="100,-1.6 200,-1.6"/></edge>
  <edge id="side" from="N" to="C"><lane id="side_0" index="0" speed="10" length="100" shape="98.4,100 98.4,0"/></edge>
  <junction id="W" type="dead_end" x="0" y="0"><request index="0" response="0" foes="0" cont="0"/></junction>
  <junction id="N" type="dead_end" x="100" y="100"/>
  <junction id="C" type="priority" x="100" y="0">
    <request index="0" response="00" foes="10" cont="0"/>
    <request index="1" response="01" foes="01" cont="0"/>
  </junction>
  <junction id="E" type="dead_end" x="200" y="0"/>
  <connection from="in" to="out" fromLane="0" toLane="0" dir="s" state="M"/>
  <connection from="side" to="out" fromLane="0" toLane="0" dir="l" state="m"/>
  <roundabout nodes="C" edges="in out"/>
</net>)";
  ImportReport report;
  import_sumo_network(net, report);
  std::string approximated;
  for (const auto& line : report.approximated) approximated += line + "\n";
  // C, not the boundary W (nothing yields where vehicles only enter or leave).
  EXPECT_NE(approximated.find("1 junctions whose right-of-way table (<request> response/foes) is "
                              "replaced by citytwin's own yielding rules: C\n"),
            std::string::npos)
      << approximated;
  EXPECT_NE(approximated.find("1 roundabouts (<roundabout>) not read"), std::string::npos)
      << approximated;
}

}  // namespace
}  // namespace citytwin
