// The SUMO corpus: every .net.xml Debian's SUMO packages ship, networks netgenerate makes (grid,
// spider, random) and networks netconvert builds (from the OSM file Debian ships, and from SUMO
// plain XML in tests/data/netconvert_plain) must import with `citytwin import sumo` and run 600 s
// with random trips under `citytwin run`, as a user would do it: none may be refused or crash. The
// files are read from the installed packages (tools/setup/install-deps.sh --for-tests installs
// them) and the repository's tests/data; a missing file or tool fails with its path, it is never
// skipped. Label `sumo_corpus` (ctest -L sumo_corpus).
//
// Random trips as SUMO's randomTrips.py draws them: between any two road links (here a sample of
// at most kZoneLinks of them, evenly spread over the network, so big networks stay quick), one
// trip every kTripPeriod seconds on average, for the whole 600 s. Each network prints one line:
// links, trips inserted and completed, and the import report's length.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "sim/io/importers.hpp"
#include "support/scratch_dir.hpp"
#include "tools/cli_process.hpp"

namespace citytwin {
namespace {

namespace fs = std::filesystem;

constexpr double kDuration = 600.0;  // s
constexpr double kTripPeriod = 2.0;  // s between random trips, on average
constexpr std::size_t kZoneLinks = 80;
// OSM nets have links of 0.2 m (spreewaldring, DRT): no car fits on them to start a trip, and
// citytwin then holds the vehicle waiting to insert for the whole run. Trips start and end on
// links at least this long (a planner's random trips would too).
constexpr double kMinZoneLinkLength = 20.0;  // m

const fs::path kSumoTools = "/usr/share/sumo/tools";

// Every .net.xml in Debian 12's sumo-tools 1.15 (`dpkg -L sumo-tools | grep net.xml`); sumo and
// sumo-doc ship none, and none of the packages ships a .net.xml.gz.
const char* const kShipped[] = {
    "game/A10KW/osm.net.xml",
    "game/DRT/osm.net.xml",
    "game/bs3d/bs.net.xml",
    "game/corridor/corridor.net.xml",
    "game/cross/cross.net.xml",
    "game/grid6/grid6.net.xml",
    "game/highway/highway.net.xml",
    "game/hiking/hiking.net.xml",
    "game/kuehne/kuehne.net.xml",
    "game/racing/spreewaldring.net.xml",
    "game/ramp/ramp.net.xml",
    "game/square/square.net.xml",
    "sumolib/scenario/scenarios/BasicCorridor/net.net.xml",
    "sumolib/scenario/scenarios/BasicCross/net.net.xml",
    "sumolib/scenario/scenarios/BasicCrossL/net.net.xml",
    "sumolib/scenario/scenarios/BasicRiLSACorridor3/network.net.xml",
    "sumolib/scenario/scenarios/BasicRiLSANet2x2/network.net.xml",
    "sumolib/scenario/scenarios/RealWorld/RiLSA_example1/net.net.xml",
    "sumolib/scenario/scenarios/RealWorld/RiLSA_example1/rilsa1.net.xml",
    "sumolib/scenario/scenarios/RealWorld/RiLSA_example2/net.net.xml",
    "sumolib/scenario/scenarios/RealWorld/RiLSA_example2/rilsa2.net.xml",
    "sumolib/scenario/scenarios/RealWorld/RiLSA_example3/net.net.xml",
    "sumolib/scenario/scenarios/RealWorld/RiLSA_example3/rilsa3.net.xml",
    "sumolib/scenario/scenarios/RealWorld/RiLSA_example4/net.net.xml",
    "sumolib/scenario/scenarios/RealWorld/RiLSA_example4/rilsa4.net.xml",
    "sumolib/scenario/scenarios/RealWorld/acosta/acosta_buslanes.net.xml",
    "sumolib/scenario/scenarios/RealWorld/joined/joined_buslanes.net.xml",
    "sumolib/scenario/scenarios/RealWorld/pasubio/pasubio_buslanes.net.xml",
    "sumolib/scenario/scenarios/RiLSA1/rilsa1.net.xml",
    "sumolib/scenario/scenarios/RiLSA1BothTLS/rilsa1both.net.xml",
    "sumolib/scenario/scenarios/RiLSA1OutTLS/rilsa1.net.xml",
    "sumolib/scenario/scenarios/net.net.xml",
};

// netgenerate's three generators. The grid is the one of issue 18 (10x10, 300 m, 3 lanes, static
// traffic lights); spider and random nets get lights where netconvert would guess them.
struct Generated {
  const char* name;
  const char* arguments;
};
const Generated kGenerated[] = {
    {"netgenerate_grid",
     "--grid --grid.number 10 --grid.length 300 --grid.attach-length 300 -L 3 -j traffic_light "
     "--tls.default-type static --no-turnarounds"},
    {"netgenerate_spider",
     "--spider --spider.arm-number 7 --spider.circle-number 5 --spider.space-radius 150 -L 2 "
     "--tls.guess --tls.default-type static"},
    {"netgenerate_random",
     "--rand --rand.iterations 300 --rand.max-distance 250 -L 2 --tls.guess "
     "--tls.default-type static"},
};

// netconvert's inputs a user has: an OSM extract (the one Debian ships: spreewaldring.osm, the
// racing game's track and the public roads around it) and SUMO plain XML (nodes, edges,
// connections, signal programs). `inputs` are (option, file) pairs: each file must exist.
struct Converted {
  const char* name;
  std::vector<std::pair<const char*, fs::path>> inputs;
  const char* options;
  const char* provided_by;  // where a missing input comes from
};
const fs::path kTypemaps = "/usr/share/sumo/data/typemap";
const fs::path kPlainXml = fs::path(CITYTWIN_TEST_DATA_DIR) / "netconvert_plain";
const Converted kConverted[] = {
    // The net osmWebWizard builds for cars (tools/osmWebWizard.py: osmBuild.DEFAULT_NETCONVERT_OPTS
    // without -v, actuated lights, the osmNetconvert type map; no --keep-edges.by-vclass, which it
    // adds only for a "car-only network"), as a user of the wizard would have it. Its vip-only
    // race track and delivery-only service roads keep their permissions (cars route around them).
    {"netconvert_osm_spreewaldring",
     {{"--type-files", kTypemaps / "osmNetconvert.typ.xml"},
      {"--osm-files", kSumoTools / "game/racing/spreewaldring.osm"}},
     "--geometry.remove --roundabouts.guess --ramps.guess --junctions.join --tls.guess-signals "
     "--tls.discard-simple --tls.join --output.original-names --junctions.corner-detail 5 "
     "--output.street-names --tls.default-type actuated",
     "Debian's sumo-tools package"},
    // Plain XML as netconvert's manual writes it (the Jinan 3x4 network: see its PROVENANCE.md).
    {"netconvert_plain_jinan",
     {{"--node-files", kPlainXml / "jinan.nod.xml"},
      {"--edge-files", kPlainXml / "jinan.edg.xml"},
      {"--connection-files", kPlainXml / "jinan.con.xml"},
      {"--tllogic-files", kPlainXml / "jinan.tll.xml"}},
     "",
     "the repository's tests/data/netconvert_plain"},
};

// A double-quoted YAML scalar (SUMO ids may hold '#', ':', spaces, quotes).
std::string yaml_quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Whether some lane of `link` admits `road_class`.
bool link_admits(const Network& network, LinkId id, RoadClass road_class) {
  const Link& link = network.link(id);
  for (std::uint32_t k = 0; k < link.lane_count; ++k) {
    if (network.lane(link.first_lane + k).allows(road_class)) return true;
  }
  return false;
}

// The random-trip demand: a zone of at most kZoneLinks road links spread evenly over the link list,
// and one od entry from it to itself (pairs without a route are never drawn). Passenger cars where
// the network admits them; otherwise (a race track for class vip) a car of the road class most of
// its links admit, as SUMO's randomTrips.py --vclass would draw them.
std::string random_trip_demand(const Network& network) {
  std::array<std::size_t, kRoadClassCount> admitting{};
  for (LinkId id = 0; id < network.links().size(); ++id) {
    for (std::size_t c = 0; c < kRoadClassCount; ++c) {
      admitting[c] += link_admits(network, id, static_cast<RoadClass>(c)) ? 1 : 0;
    }
  }
  auto road_class = RoadClass::kPassenger;
  if (admitting[0] == 0) {
    road_class = static_cast<RoadClass>(std::max_element(admitting.begin(), admitting.end()) -
                                        admitting.begin());
  }
  std::vector<LinkId> candidates;
  for (LinkId id = 0; id < network.links().size(); ++id) {
    if (network.link(id).length >= kMinZoneLinkLength && link_admits(network, id, road_class)) {
      candidates.push_back(id);
    }
  }
  const std::size_t links = candidates.size();
  const std::size_t stride = links > kZoneLinks ? (links + kZoneLinks - 1) / kZoneLinks : 1;
  std::string yaml = "demand:\n";
  const bool passenger = road_class == RoadClass::kPassenger;
  if (!passenger) {
    yaml += "  vehicle_types:\n    - {name: corpus_car, base: car, road_class: " +
            std::string(road_class_name(road_class)) + "}\n";
  }
  yaml += "  zones:\n    corpus:\n";
  for (std::size_t i = 0; i < links; i += stride) {
    yaml += "      - " + yaml_quoted(network.link(candidates[i]).name) + "\n";
  }
  const auto trips = static_cast<long>(kDuration / kTripPeriod);
  yaml += "  od:\n    - {from: corpus, to: corpus, trips: " + std::to_string(trips) +
          (passenger ? "" : ", vehicle_type: corpus_car") + "}\n";
  return yaml;
}

// Imports `net` through the CLI, adds random trips and runs it for 600 s; prints one line.
void import_and_run(const fs::path& net, const std::string& label) {
  const testing::ScratchDir scratch;
  const fs::path scenario = scratch / "corpus.yaml";
  const auto imported = testing::run_cli("import sumo '" + net.string() + "' -o '" +
                                         scenario.string() + "' --duration 600");
  ASSERT_EQ(imported.exit_code, 0) << "import refused " << net << ":\n"
                                   << imported.err << imported.out;

  ImportReport report;
  const Network network = import_sumo_network(net, report);
  ASSERT_GT(network.links().size(), 0u) << net << " has no road link";
  std::ofstream(scenario, std::ios::app) << random_trip_demand(network);

  const fs::path out = scratch / "out";
  const auto ran =
      testing::run_cli("run '" + scenario.string() + "' --out '" + out.string() + "' --threads 2");
  ASSERT_EQ(ran.exit_code, 0) << "run failed on " << net << ":\n" << ran.err << ran.out;
  std::ifstream in(out / "summary.json");
  ASSERT_TRUE(in) << "no summary.json for " << net;
  const auto totals = nlohmann::json::parse(in).at("totals");
  const auto inserted = totals.at("vehicles_inserted").get<double>();
  const auto completed = totals.at("trips_completed").get<double>();
  std::printf(
      "[corpus] %-70s links %5zu  inserted %4.0f  completed %4.0f  waiting %4.0f  "
      "missed-turn re-routes %3.0f  report lines %zu\n",
      label.c_str(), network.links().size(), inserted, completed,
      totals.at("vehicles_waiting_to_insert").get<double>(),
      totals.at("reroutes_after_missed_turn").get<double>(),
      report.skipped.size() + report.approximated.size());
  EXPECT_GT(inserted, 0.0) << net << ": no random trip got into the network";
  EXPECT_GT(completed, 0.0) << net << ": no trip completed in 600 s (a network stuck from start)";
}

std::string test_name(const std::string& path) {
  std::string name;
  for (const char c : path.substr(0, path.size() - std::string(".net.xml").size())) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    name += ok ? c : '_';
  }
  return name;
}

class ShippedNetwork : public ::testing::TestWithParam<const char*> {};

TEST_P(ShippedNetwork, ImportsAndRuns600sWithRandomTrips) {
  const fs::path net = kSumoTools / GetParam();
  ASSERT_TRUE(fs::is_regular_file(net))
      << net << " is missing: it ships in Debian's sumo-tools package "
      << "(tools/setup/install-deps.sh --for-tests installs it)";
  import_and_run(net, GetParam());
}

INSTANTIATE_TEST_SUITE_P(SumoCorpus, ShippedNetwork, ::testing::ValuesIn(kShipped),
                         [](const auto& info) { return test_name(info.param); });

// Runs SUMO's `tool` (netgenerate, netconvert) to write `net`, its output in a log beside it that a
// failure prints. Both come with the sumo package the test setup installs: missing, it is a
// failure. SUMO_HOME is set because without it Debian's netconvert 1.15 cannot load its built-in
// OSM type map and refuses every OSM file.
::testing::AssertionResult run_sumo_tool(const std::string& tool, const std::string& arguments,
                                         const fs::path& net) {
  const fs::path log = net.parent_path() / (tool + ".log");
  const std::string command = "SUMO_HOME=/usr/share/sumo " + tool + " " + arguments + " -o '" +
                              net.string() + "' > '" + log.string() + "' 2>&1";
  if (std::system(command.c_str()) == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << command << "\n"
         << testing::read_all(log) << "(" << tool
         << " is in Debian's sumo package: tools/setup/install-deps.sh --for-tests)";
}

class GeneratedNetwork : public ::testing::TestWithParam<Generated> {};

TEST_P(GeneratedNetwork, ImportsAndRuns600sWithRandomTrips) {
  const Generated& g = GetParam();
  const testing::ScratchDir scratch("net");
  const fs::path net = scratch / (std::string(g.name) + ".net.xml");
  ASSERT_TRUE(run_sumo_tool("netgenerate", std::string(g.arguments) + " --seed 1", net));
  import_and_run(net, g.name);
}

INSTANTIATE_TEST_SUITE_P(SumoCorpus, GeneratedNetwork, ::testing::ValuesIn(kGenerated),
                         [](const auto& info) { return std::string(info.param.name); });

class ConvertedNetwork : public ::testing::TestWithParam<Converted> {};

TEST_P(ConvertedNetwork, ImportsAndRuns600sWithRandomTrips) {
  const Converted& c = GetParam();
  std::string arguments = c.options;
  for (const auto& [option, file] : c.inputs) {
    ASSERT_TRUE(fs::is_regular_file(file))
        << file << " is missing: it comes with " << c.provided_by;
    arguments += std::string(arguments.empty() ? "" : " ") + option + " '" + file.string() + "'";
  }
  const testing::ScratchDir scratch("net");
  const fs::path net = scratch / (std::string(c.name) + ".net.xml");
  ASSERT_TRUE(run_sumo_tool("netconvert", arguments, net));
  import_and_run(net, c.name);
}

INSTANTIATE_TEST_SUITE_P(SumoCorpus, ConvertedNetwork, ::testing::ValuesIn(kConverted),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace citytwin
