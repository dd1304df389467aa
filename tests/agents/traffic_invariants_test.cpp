// Invariants of the traffic engine that must hold after every single step of a loaded run:
// vehicle conservation, no overlap, no backward motion, connected routes, signal obedience. They
// are checked on whole worlds (signals + traffic), not on the strategies in isolation, so they
// catch bookkeeping errors in insertion, repacking, transfers across track ends and arrivals.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <limits>
#include <vector>

#include "agents/traffic/traffic_system.hpp"
#include "agents/traffic_fixtures.hpp"

namespace citytwin {
namespace {

using testing::make_traffic_world;
using testing::random_demand;
using testing::small_grid;
using testing::TrafficWorld;
using testing::urban_plan;

// A loaded 5x5 grid: 2 lanes per direction, 200 m blocks, 60 s cycles, random trips at
// 5,400 veh/h for 1,800 s. Enough that queues spill back over whole blocks and some entries wait
// to insert, so the bookkeeping is exercised under congestion.
std::unique_ptr<TrafficWorld> loaded_grid(unsigned threads = 1) {
  return make_traffic_world(generate_grid(small_grid(5)), random_demand(5400.0), urban_plan(),
                            1800.0, 1.0, threads);
}

// A dense corridor: 4 junctions, 2 arterial lanes, arterial flows both ways near capacity plus
// side-street traffic, so lane changes and merges happen all the time.
std::unique_ptr<TrafficWorld> dense_corridor() {
  CorridorSpec corridor;
  corridor.junctions = 4;
  corridor.spacing = 250.0;
  corridor.attach_length = 250.0;
  DemandSpec demand;
  auto flow = [](std::string name, std::string from, std::string to, double per_hour) {
    FlowSpec f;
    f.name = std::move(name);
    f.from = std::move(from);
    f.to = std::move(to);
    f.rate = per_hour / 3600.0;
    return f;
  };
  demand.flows.push_back(flow("eastbound", "B_W", "B_E", 1800.0));
  demand.flows.push_back(flow("westbound", "B_E", "B_W", 1800.0));
  for (int c = 0; c < 4; ++c) {
    const std::string col = std::to_string(c);
    demand.flows.push_back(flow("north_east_" + col, "B_N_c" + col, "B_E", 300.0));
    demand.flows.push_back(flow("south_west_" + col, "B_S_c" + col, "B_W", 300.0));
  }
  return make_traffic_world(generate_corridor(corridor), std::move(demand), urban_plan(), 900.0);
}

// Per-vehicle-id view of the packed slots (ids are departure indices, so a flat vector works).
struct Sample {
  bool present = false;
  std::uint32_t track = 0;
  double distance = 0.0;
};

std::vector<Sample> sample_by_id(const TrafficSystem& traffic, std::size_t ids) {
  std::vector<Sample> out(ids);
  const auto& s = traffic.vehicles().slots();
  for (std::size_t i = 0; i < s.size(); ++i) {
    out.at(s.id[i]) = {true, s.track[i], traffic.distance_driven(static_cast<std::uint32_t>(i))};
  }
  return out;
}

TEST(TrafficInvariants, VehiclesAreConservedAtEveryStepOfALoadedGrid) {
  auto w = loaded_grid();
  const TrafficSystem& traffic = *w->traffic;
  std::uint64_t max_waiting = 0;
  std::uint64_t max_in_network = 0;
  while (w->now() < 1800.0) {
    w->world->step();
    const std::uint64_t in_network = traffic.vehicles().size();
    // A teleported vehicle is back in the network, in transit or arrived (teleports are off
    // here, so there are none).
    ASSERT_EQ(traffic.inserted(), traffic.arrived() + in_network + traffic.in_transit())
        << "t = " << w->now();
    ASSERT_EQ(traffic.teleported(), 0u);
    ASSERT_EQ(traffic.trips().size(), traffic.arrived()) << "t = " << w->now();
    // Everything due has been inserted or is waiting: nothing is dropped.
    const auto due = static_cast<std::uint64_t>(traffic.inserted() + traffic.waiting_to_insert());
    ASSERT_LE(due, w->departures) << "t = " << w->now();
    max_waiting = std::max(max_waiting, traffic.waiting_to_insert());
    max_in_network = std::max(max_in_network, in_network);
  }
  std::cout << "[ measured ] loaded 5x5 grid: " << w->departures << " departures, "
            << traffic.inserted() << " inserted, " << traffic.arrived() << " arrived, peak "
            << max_in_network << " in network, peak " << max_waiting << " waiting to insert\n";
  // The run must actually be loaded, or conservation was only checked on an empty network.
  EXPECT_GT(max_in_network, 200u);  // it really was loaded
  EXPECT_GT(traffic.arrived(), 1000u);
}

// Checks min_gap, position bounds and monotone distance after every step until `until`.
void expect_no_overlap_and_no_reversing(TrafficWorld& w, double until, const char* what) {
  const TrafficSystem& traffic = *w.traffic;
  const TrackLayout& layout = traffic.layout();
  std::vector<double> last_distance(w.departures, 0.0);
  double smallest_gap = std::numeric_limits<double>::infinity();
  std::size_t max_vehicles = 0;
  while (w.now() < until) {
    w.world->step();
    const double gap = traffic.min_gap();
    ASSERT_GE(gap, 0.0) << what << ": vehicles overlap at t = " << w.now();
    smallest_gap = std::min(smallest_gap, gap);
    const auto& s = traffic.vehicles().slots();
    max_vehicles = std::max(max_vehicles, s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
      const std::uint32_t id = s.id[i];
      const double driven = traffic.distance_driven(static_cast<std::uint32_t>(i));
      // 1e-9: a track change re-associates the sum (length added, position restarts), a rounding.
      ASSERT_GE(driven, last_distance.at(id) - 1e-9)
          << what << ": vehicle " << id << " moved backwards at t = " << w.now();
      last_distance[id] = driven;
      ASSERT_GE(s.position[i], 0.0) << what << ": vehicle " << id;
      ASSERT_LE(s.position[i], layout.length(s.track[i]) + 1e-9) << what << ": vehicle " << id;
      ASSERT_GE(s.speed[i], 0.0) << what << ": vehicle " << id;
    }
  }
  std::cout << "[ measured ] " << what << ": smallest bumper-to-bumper gap " << smallest_gap
            << " m, peak " << max_vehicles << " vehicles\n";
}

TEST(TrafficInvariants, NoOverlapAndNoReversingOnALoadedGrid) {
  auto w = loaded_grid();
  expect_no_overlap_and_no_reversing(*w, 1800.0, "loaded 5x5 grid");
}

TEST(TrafficInvariants, NoOverlapAndNoReversingOnADenseCorridor) {
  auto w = dense_corridor();
  expect_no_overlap_and_no_reversing(*w, 900.0, "dense corridor");
  EXPECT_GT(w->traffic->arrived(), 300u);  // it did carry traffic
}

// Light demand (600 veh/h on a 4x4 grid, far below capacity): after the demand ends and the
// network drains, every vehicle has arrived, along a connected route at most at the speed limit.
TEST(TrafficInvariants, EveryTripArrivesOnAnUncongestedGrid) {
  const GridSpec grid = small_grid(4);
  constexpr double kDemandSeconds = 900.0;
  // Longest free-flow trip: ≈ 3 blocks + 2 attach links each way ≈ 1,800 m ≈ 130 s at 50 km/h,
  // plus a few red lights; 600 s of drain is ample.
  constexpr double kDrainSeconds = 600.0;
  auto w =
      make_traffic_world(generate_grid(grid), random_demand(600.0), urban_plan(), kDemandSeconds);
  const TrafficSystem& traffic = *w->traffic;
  while (w->now() < kDemandSeconds + kDrainSeconds) w->world->step();

  ASSERT_GT(w->departures, 100u);
  EXPECT_EQ(traffic.inserted(), w->departures);
  EXPECT_EQ(traffic.arrived(), w->departures);
  EXPECT_EQ(traffic.waiting_to_insert(), 0u);
  EXPECT_EQ(traffic.vehicles().size(), 0u);
  ASSERT_EQ(traffic.trips().size(), traffic.arrived());

  const Network& net = w->network();
  // A vehicle starts with its rear at the origin lane's start and arrives when its front reaches
  // the destination lane's end; lanes lie up to lanes·width to the side of the node centres.
  const double tolerance = 5.0 + 2.0 * grid.lanes * NetworkBuilder::kDefaultLaneWidth;
  double worst_speed = 0.0;
  for (const TripRecord& trip : traffic.trips()) {
    EXPECT_GE(trip.route_links, 1u) << "trip " << trip.id;
    const Vec2 from = net.node(net.link(trip.origin).from).position;
    const Vec2 to = net.node(net.link(trip.destination).to).position;
    const double straight_line = std::hypot(to.x - from.x, to.y - from.y);
    EXPECT_GE(trip.distance, straight_line - tolerance)
        << "trip " << trip.id << " from " << net.link(trip.origin).name << " to "
        << net.link(trip.destination).name;
    ASSERT_GT(trip.duration(), 0.0) << "trip " << trip.id;
    worst_speed = std::max(worst_speed, trip.distance / trip.duration());
  }
  std::cout << "[ measured ] uncongested 4x4 grid: " << traffic.arrived() << " of " << w->departures
            << " arrived, highest trip mean speed " << worst_speed << " m/s\n";
  // Nobody beats the 50 km/h limit on average over a whole trip.
  EXPECT_LE(worst_speed, grid.speed_limit + 1e-9);
}

// The connection a vehicle that was on `lane` used, given the track it is on now; kNoId if it
// did not leave the lane.
ConnectionId connection_taken(const Network& net, const TrackLayout& layout, std::uint32_t lane,
                              std::uint32_t now_on) {
  if (now_on == lane) return kNoId;
  if (layout.is_connection(now_on)) return layout.connection_of(now_on);
  for (const Connection& c : net.connections_from(lane)) {
    if (c.to_lane == now_on) {
      return static_cast<ConnectionId>(&c - net.connections().data());
    }
  }
  return kNoId;  // a lane change on the same link
}

// No vehicle crosses a stop line whose signal showed red (or red-amber) during that step: the
// signals system sets every group's state for time `now` in decide, before traffic decides.
TEST(TrafficInvariants, NoVehicleEntersAJunctionOnRed) {
  auto w =
      make_traffic_world(generate_grid(small_grid(3)), random_demand(2400.0), urban_plan(), 900.0);
  const TrafficSystem& traffic = *w->traffic;
  const Network& net = w->network();
  const TrackLayout& layout = traffic.layout();
  std::uint64_t entries = 0;
  std::uint64_t held_at_red = 0;
  while (w->now() < 900.0) {
    const double step_start = w->now();
    const std::vector<Sample> before = sample_by_id(traffic, w->departures);
    w->world->step();
    const std::vector<Sample> after = sample_by_id(traffic, w->departures);
    for (std::size_t id = 0; id < before.size(); ++id) {
      if (!before[id].present || layout.is_connection(before[id].track)) continue;
      const std::uint32_t lane = before[id].track;
      // Arrived vehicles leave at the end of their destination lane, never through a junction.
      if (!after[id].present) continue;
      const ConnectionId c = connection_taken(net, layout, lane, after[id].track);
      if (c == kNoId) continue;  // still on the lane, or a lane change
      ++entries;
      const SignalGroupId group = net.connection(c).signal_group;
      ASSERT_NE(group, kNoId);
      const SignalState shown = w->signals->state_at(group, step_start);
      ASSERT_NE(shown, SignalState::kRed)
          << "vehicle " << id << " entered connection " << c << " on red at t = " << step_start;
      ASSERT_NE(shown, SignalState::kRedAmber) << "vehicle " << id << " entered connection " << c
                                               << " on red-amber at t = " << step_start;
    }
    // Non-vacuity: vehicles stand at red lights at times.
    const auto& s = traffic.vehicles().slots();
    for (std::size_t i = 0; i < s.size(); ++i) {
      const std::uint32_t t = s.track[i];
      if (layout.is_connection(t) || layout.length(t) - s.position[i] > 1.0 || s.speed[i] > 0.1) {
        continue;
      }
      for (const Connection& c : net.connections_from(t)) {
        if (w->signals->state(c.signal_group) == SignalState::kRed) {
          ++held_at_red;
          break;
        }
      }
    }
  }
  std::cout << "[ measured ] 3x3 grid: " << entries << " junction entries checked, " << held_at_red
            << " vehicle-steps standing at a red stop line\n";
  EXPECT_GT(entries, 1000u);
  EXPECT_GT(held_at_red, 100u);
}

}  // namespace
}  // namespace citytwin
