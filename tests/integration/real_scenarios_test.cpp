// The shipped real-data scenarios, built the way `citytwin run` builds them (load_scenario +
// build_world): Jinan 3x4 from CityFlow files and Hangzhou 4x4 from SUMO files. Determinism across
// thread counts, vehicle conservation at every step, vehicles driving the imported routes, and the
// dataset's own signal programs.
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "agents/families.hpp"
#include "agents/signals/signals_section.hpp"
#include "agents/signals/traffic_signals.hpp"
#include "agents/traffic/demand.hpp"
#include "agents/traffic/routing_section.hpp"
#include "agents/traffic/traffic_system.hpp"
#include "integration/determinism_harness.hpp"

namespace citytwin {
namespace {

namespace fs = std::filesystem;

const fs::path kScenarios = fs::path(CITYTWIN_SOURCE_DIR) / "scenarios";

const Scenario& jinan() {
  static const Scenario s = load_scenario(kScenarios / "jinan_3x4.yaml");
  return s;
}
const Scenario& hangzhou_sumo() {
  static const Scenario s = load_scenario(kScenarios / "hangzhou_4x4_sumo.yaml");
  return s;
}

const Scenario& shenzhen_fuhua() {
  static const Scenario s = load_scenario(kScenarios / "shenzhen_fuhua.yaml");
  return s;
}
const Scenario& shenzhen_nanshan() {
  static const Scenario s = load_scenario(kScenarios / "shenzhen_nanshan.yaml");
  return s;
}

const TrafficSystem& traffic_of(const World& world) {
  const auto* traffic = dynamic_cast<const TrafficSystem*>(world.find_system("traffic"));
  if (traffic == nullptr) throw std::logic_error("no traffic system");
  return *traffic;
}
const TrafficSignals& signals_of(const World& world) {
  const auto* signals = dynamic_cast<const TrafficSignals*>(world.find_system("signals"));
  if (signals == nullptr) throw std::logic_error("no signal system");
  return *signals;
}

// (a) The state hash every 100 steps over the first 900 s is the same for 1, 2 and 8 threads.
void expect_deterministic(const Scenario& scenario) {
  constexpr std::int64_t kEvery = 100;
  const auto steps = static_cast<std::int64_t>(900.0 / scenario.simulation.step);
  const testing::WorldFactory make = [&scenario](unsigned threads) {
    return build_world(scenario, WorldOverrides{.threads = threads});
  };
  const auto one = testing::hash_trail(make, 1, steps, kEvery);
  ASSERT_EQ(one.size(), static_cast<std::size_t>(steps / kEvery));
  EXPECT_NE(one.front(), one.back());
  const auto two = testing::hash_trail(make, 2, steps, kEvery);
  const auto eight = testing::hash_trail(make, 8, steps, kEvery);
  for (std::size_t k = 0; k < one.size(); ++k) {
    const auto step = static_cast<std::int64_t>(k + 1) * kEvery;
    EXPECT_EQ(one[k], two[k]) << "2 threads differ at step " << step;
    EXPECT_EQ(one[k], eight[k]) << "8 threads differ at step " << step;
  }
}

TEST(RealScenario, Jinan3x4IsDeterministicAcrossThreadCounts) {
  expect_deterministic(jinan());
}

TEST(RealScenario, Hangzhou4x4SumoIsDeterministicAcrossThreadCounts) {
  expect_deterministic(hangzhou_sumo());
}

TEST(RealScenario, ShenzhenFuhuaIsDeterministicAcrossThreadCounts) {
  expect_deterministic(shenzhen_fuhua());
}

TEST(RealScenario, ShenzhenNanshanIsDeterministicAcrossThreadCounts) {
  expect_deterministic(shenzhen_nanshan());
}

// Nanshan's trips file joins some edges that no path connects; SUMO's own configuration for it
// ignores route errors, and `demand.unroutable: skip` does the same, counted in the report.
// Reference: SUMO 1.15 on the same files (`sumo -c pcl.sumocfg --end 3600`) warns "No route for
// vehicle" for 144 of the first hour's 1,800 trips. citytwin finds routes for some of those (it
// opens SUMO's bus-only lanes to all vehicles, see the import report), so it skips fewer, never
// none; refusing instead names the first such trip.
TEST(RealScenario, ShenzhenNanshanSkipsTheTripsNoPathServesAsSumoDoes) {
  ImportReport report;
  auto world = build_world(shenzhen_nanshan(), WorldOverrides{.threads = 1}, &report);
  std::size_t skipped = 0;
  for (const std::string& line : report.skipped) {
    if (line.find("trips without a route skipped") != std::string::npos) {
      skipped = std::stoul(line);
    }
  }
  EXPECT_GT(skipped, 90u);
  EXPECT_LE(skipped, 144u);

  Scenario strict = shenzhen_nanshan();
  strict.demand.unroutable = UnroutableTrips::kError;
  try {
    build_world(strict, WorldOverrides{.threads = 1});
    FAIL() << "unroutable trips accepted";
  } catch (const BuildError& e) {
    EXPECT_NE(std::string(e.what()).find("demand.trips[16]: no route from '608477070#0' to "
                                         "'183920406#1'"),
              std::string::npos)
        << e.what();
  }
}

// (b) Every step of the first 600 s: inserted == arrived + in the network, counts never go back,
// and every finished trip drove the route it was imported with (same origin and destination; the
// imported link sequence unless the vehicle was re-routed around a blockage).
void expect_conservation_and_routes(const Scenario& scenario) {
  const auto network = build_network(scenario);
  const DemandSpec demand = build_demand(scenario, *network, scenario.simulation.seed);
  ASSERT_FALSE(demand.trips.empty());
  const auto departures =
      generate_departures(demand, *network, scenario.simulation.seed, scenario.simulation.duration);

  auto world = build_world(scenario, WorldOverrides{.threads = 2});
  const TrafficSystem& traffic = traffic_of(*world);
  const auto steps = static_cast<std::int64_t>(600.0 / scenario.simulation.step);
  std::uint64_t last_inserted = 0;
  std::uint64_t last_arrived = 0;
  for (std::int64_t s = 1; s <= steps; ++s) {
    world->step();
    const std::uint64_t inserted = traffic.inserted();
    const std::uint64_t arrived = traffic.arrived();
    ASSERT_EQ(inserted, arrived + traffic.vehicles().size()) << "step " << s;
    ASSERT_GE(inserted, last_inserted) << "step " << s;
    ASSERT_GE(arrived, last_arrived) << "step " << s;
    ASSERT_EQ(traffic.trips().size(), arrived) << "step " << s;
    ASSERT_LE(inserted + traffic.waiting_to_insert(), departures.size()) << "step " << s;
    last_inserted = inserted;
    last_arrived = arrived;
  }
  EXPECT_GT(last_inserted, 100u);
  EXPECT_GT(last_arrived, 10u);
  EXPECT_EQ(traffic.teleported(), 0u);

  std::size_t exact = 0;
  for (const TripRecord& trip : traffic.trips()) {
    ASSERT_LT(trip.id, departures.size());
    const Departure& d = departures[trip.id];
    EXPECT_EQ(trip.origin, d.origin) << "trip " << trip.id;
    EXPECT_EQ(trip.destination, d.destination) << "trip " << trip.id;
    EXPECT_GE(trip.route_links, 1u) << "trip " << trip.id;
    EXPECT_GE(trip.depart, d.time - 1e-9) << "trip " << trip.id;
    // The imported route: origin, its via links, destination, every one a link of the network.
    if (trip.route_links == d.via.size() + 2) ++exact;
  }
  // Only vehicles re-routed around a blocked lane may end on another sequence.
  EXPECT_GE(exact + traffic.reroutes(), traffic.trips().size())
      << exact << " of " << traffic.trips().size() << " trips drove their imported route, "
      << traffic.reroutes() << " re-routes";
}

TEST(RealScenario, Jinan3x4ConservesVehiclesAndDrivesImportedRoutes) {
  expect_conservation_and_routes(jinan());
}

TEST(RealScenario, Hangzhou4x4SumoConservesVehiclesAndDrivesImportedRoutes) {
  expect_conservation_and_routes(hangzhou_sumo());
}

// (b2) Strategic lanes (issue 18): a re-route after a missed turn is a fallback. On Fuhua every
// lane serves one movement and each fans out to all three lanes of the next road, so a vehicle
// that enters the next road on the wrong lane must change lanes in the queue of a short link.
// Over the whole day (9,600 s) fewer than 2 % of the inserted vehicles miss a turn (before the
// look-ahead: 2,337 re-routes for 2,417 vehicles).
TEST(RealScenario, ShenzhenFuhuaMissedTurnsAreRare) {
  auto world = build_world(shenzhen_fuhua(), WorldOverrides{.threads = 2});
  const TrafficSystem& traffic = traffic_of(*world);
  const auto steps = static_cast<std::int64_t>(shenzhen_fuhua().simulation.duration /
                                               shenzhen_fuhua().simulation.step);
  for (std::int64_t s = 1; s <= steps; ++s) world->step();
  ASSERT_GT(traffic.inserted(), 2000u);
  EXPECT_LT(static_cast<double>(traffic.reroutes()), 0.02 * static_cast<double>(traffic.inserted()))
      << traffic.reroutes() << " missed-turn re-routes for " << traffic.inserted() << " vehicles";
}

// (b3) Nanshan as `citytwin import sumo` runs SUMO's trips (routed at departure on the last
// minutes' speeds) for two hours: OSM's chains of 20-30 m links leave a driver that must change
// lanes no stretch to do it before the line. Fewer than 2 % of the inserted vehicles miss a
// turn (issue 18's target; session 15: 3,370 for 3,350 vehicles; 91 before a driver standing at
// such a line in the wrong lane was given 5 s to find its gap while others wait behind it).
TEST(RealScenario, ShenzhenNanshanMissedTurnsAreRareOnSumosRouting) {
  Scenario scenario = shenzhen_nanshan();
  scenario.simulation.duration = 7200.0;
  scenario.sections.edit<RoutingSpec>(kRoutingSectionKey).departures =
      RoutingSpec::Departures::kCurrentTimes;
  auto world = build_world(scenario, WorldOverrides{.threads = 2});
  const TrafficSystem& traffic = traffic_of(*world);
  for (std::int64_t s = 1; s <= 7200; ++s) world->step();
  std::cout << "[ measured ] shenzhen_nanshan, 7200 s, current-times routing: "
            << traffic.reroutes() << " missed-turn re-routes for " << traffic.inserted()
            << " vehicles, " << traffic.arrived() << " arrived\n";
  ASSERT_GT(traffic.inserted(), 3000u);
  EXPECT_LT(static_cast<double>(traffic.reroutes()),
            0.02 * static_cast<double>(traffic.inserted()));
}

// (c) With `control: from_network` every Jinan intersection runs the dataset's program, whose
// cycle is the sum of the roadnet's lightphase times for that intersection.
TEST(RealScenario, Jinan3x4RunsTheRoadnetSignalPrograms) {
  ASSERT_EQ(signals_section(jinan()).control, SignalControl::kFromNetwork);
  std::ifstream in(jinan().network.file);
  ASSERT_TRUE(in) << jinan().network.file;
  const auto roadnet = nlohmann::json::parse(in);

  auto world = build_world(jinan(), WorldOverrides{.threads = 1});
  const TrafficSignals& signals = signals_of(*world);
  const Network& network = world->network();
  std::size_t checked = 0;
  for (const auto& intersection : roadnet["intersections"]) {
    if (intersection["virtual"].get<bool>()) continue;
    const auto id = intersection["id"].get<std::string>();
    const NodeId node = network.find_node(id);
    ASSERT_NE(node, kNoId) << id;
    double cycle = 0.0;
    for (const auto& phase : intersection["trafficLight"]["lightphases"]) {
      cycle += phase["time"].get<double>();
    }
    EXPECT_TRUE(signals.runs_network_program(node)) << id;
    EXPECT_DOUBLE_EQ(signals.cycle(node), cycle) << id;
    ++checked;
  }
  EXPECT_EQ(checked, 12u);

  // The fixed_time_90s variant replaces them by citytwin's own two-stage plan.
  const Scenario fixed =
      load_scenario(kScenarios / "jinan_3x4.yaml", LoadOptions{"fixed_time_90s"});
  auto fixed_world = build_world(fixed, WorldOverrides{.threads = 1});
  const NodeId node = fixed_world->network().find_node("intersection_1_1");
  ASSERT_NE(node, kNoId);
  EXPECT_FALSE(signals_of(*fixed_world).runs_network_program(node));
}

// The same for the SUMO network: each tlLogic's junction runs it, cycle = sum of its durations.
TEST(RealScenario, Hangzhou4x4SumoRunsTheNetworkSignalPrograms) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_file(hangzhou_sumo().network.file.c_str()));
  auto world = build_world(hangzhou_sumo(), WorldOverrides{.threads = 1});
  const TrafficSignals& signals = signals_of(*world);
  const Network& network = world->network();
  std::size_t checked = 0;
  for (const auto& tl : doc.child("net").children("tlLogic")) {
    const std::string id = tl.attribute("id").as_string();
    const NodeId node = network.find_node(id);
    if (node == kNoId) continue;  // a program shared by junctions under another name
    double cycle = 0.0;
    for (const auto& phase : tl.children("phase")) cycle += phase.attribute("duration").as_double();
    EXPECT_TRUE(signals.runs_network_program(node)) << id;
    EXPECT_DOUBLE_EQ(signals.cycle(node), cycle) << id;
    ++checked;
  }
  EXPECT_EQ(checked, 16u);
}

}  // namespace
}  // namespace citytwin
