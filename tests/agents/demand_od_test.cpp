// Departure schedules from zones/od matrices and from explicit trips.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "agents/demand_fixtures.hpp"
#include "agents/traffic/demand.hpp"
#include "sim/network/grid_generator.hpp"

namespace citytwin {
namespace {

using testing::error_of;
using testing::three_by_three;

DemandSpec north_to_south(std::uint32_t trips, Headways headways) {
  DemandSpec demand;
  demand.zones["north"] = {"B_N_c0", "B_N_c1", "B_N_c2"};
  demand.zones["south"] = {"B_S_c0", "B_S_c1", "J_r0_c2->B_S_c2"};  // nodes or links
  OdSpec od;
  od.from = "north";
  od.to = "south";
  od.trips = trips;
  od.begin = 600.0;
  od.end = 1800.0;
  od.headways = headways;
  od.vehicle_type = "bus";
  demand.od.push_back(od);
  return demand;
}

TEST(DemandOdTest, TripsAreSpreadOverTheWindowBetweenZoneMembers) {
  const Network net = three_by_three();
  const DemandSpec demand = north_to_south(900, Headways::kPoisson);
  const auto schedule = generate_departures(demand, net, 4, 3600);
  ASSERT_EQ(schedule.size(), 900u);  // an od count is exact, not a rate
  std::set<LinkId> origins;
  std::set<LinkId> destinations;
  std::vector<int> per_quarter(4, 0);
  for (const Departure& d : schedule) {
    EXPECT_EQ(d.kind, DemandSource::kOd);
    EXPECT_EQ(d.vehicle_type, "bus");
    ASSERT_GE(d.time, 600.0);
    ASSERT_LT(d.time, 1800.0);
    ++per_quarter[static_cast<std::size_t>((d.time - 600.0) / 300.0)];
    origins.insert(d.origin);
    destinations.insert(d.destination);
  }
  EXPECT_EQ(origins,
            (std::set<LinkId>{net.find_link("B_N_c0->J_r2_c0"), net.find_link("B_N_c1->J_r2_c1"),
                              net.find_link("B_N_c2->J_r2_c2")}));
  EXPECT_EQ(destinations,
            (std::set<LinkId>{net.find_link("J_r0_c0->B_S_c0"), net.find_link("J_r0_c1->B_S_c1"),
                              net.find_link("J_r0_c2->B_S_c2")}));
  // Times uniform over the window: each quarter is Binomial(900, 1/4), mean 225, sd 13; 4 sd.
  for (int count : per_quarter) EXPECT_NEAR(count, 225.0, 4.0 * 13.0);
}

TEST(DemandOdTest, UniformHeadwaysAreEvenlySpaced) {
  const Network net = three_by_three();
  const DemandSpec demand = north_to_south(12, Headways::kUniform);
  const auto schedule = generate_departures(demand, net, 4, 3600);
  ASSERT_EQ(schedule.size(), 12u);
  for (std::size_t k = 0; k < schedule.size(); ++k) {
    EXPECT_DOUBLE_EQ(schedule[k].time, 600.0 + 100.0 * static_cast<double>(k));
    EXPECT_EQ(schedule[k].sequence, k);
  }
}

TEST(DemandOdTest, ScaleRoundsTripCountsWithoutBias) {
  const Network net = three_by_three();
  DemandSpec demand = north_to_south(3, Headways::kPoisson);
  demand.scale = 1.5;  // 4.5 trips: 4 or 5, 5 half of the time
  std::map<std::size_t, int> counts;
  for (std::uint64_t seed = 0; seed < 400; ++seed) {
    ++counts[generate_departures(demand, net, seed, 3600).size()];
  }
  EXPECT_EQ(counts.size(), 2u);
  // Binomial(400, 0.5): mean 200, sd 10; 4 sd.
  EXPECT_NEAR(counts[5], 200.0, 40.0);
  EXPECT_EQ(counts[4] + counts[5], 400);
}

TEST(DemandOdTest, ZoneErrorsNameTheEntry) {
  const Network net = three_by_three();
  DemandSpec unknown = north_to_south(10, Headways::kPoisson);
  unknown.od[0].to = "east";
  EXPECT_EQ(error_of(unknown, net), "demand.od[0] (north -> east): to: unknown zone 'east'");
  DemandSpec bad_member = north_to_south(10, Headways::kPoisson);
  bad_member.zones["north"].push_back("B_N_c9");
  EXPECT_NE(error_of(bad_member, net)
                .find("demand.od[0] (north -> south): zone 'north': from: unknown place 'B_N_c9'"),
            std::string::npos);
  DemandSpec stuck = north_to_south(10, Headways::kPoisson);
  stuck.zones["north"] = {"J_r1_c2->B_E_r1"};  // an exit link leads nowhere
  EXPECT_EQ(error_of(stuck, net),
            "demand.od[0] (north -> south): no member of zone 'north' has a route to a member of "
            "zone 'south'");
}

TEST(DemandOdTest, ExplicitTripsKeepTheirTimeAndWaypoints) {
  const Network net = three_by_three();
  DemandSpec demand;
  demand.trips.push_back({30.0, "B_W_r0", "B_E_r0", {"J_r1_c1->J_r2_c1"}, "shuttle"});
  demand.trips.push_back({10.0, "B_S_c1", "B_N_c1", {}, "car"});
  demand.trips.push_back({7200.0, "B_S_c1", "B_N_c1", {}, "car"});  // after the end: dropped
  demand.scale = 3.0;                                               // not applied to trips
  const auto schedule = generate_departures(demand, net, 1, 3600);
  ASSERT_EQ(schedule.size(), 2u);
  EXPECT_DOUBLE_EQ(schedule[0].time, 10.0);
  EXPECT_EQ(schedule[0].source, 1u);
  EXPECT_TRUE(schedule[0].via.empty());
  EXPECT_DOUBLE_EQ(schedule[1].time, 30.0);
  EXPECT_EQ(schedule[1].kind, DemandSource::kTrip);
  EXPECT_EQ(schedule[1].origin, net.find_link("B_W_r0->J_r0_c0"));
  EXPECT_EQ(schedule[1].destination, net.find_link("J_r0_c2->B_E_r0"));
  EXPECT_EQ(schedule[1].via, std::vector<LinkId>{net.find_link("J_r1_c1->J_r2_c1")});
  EXPECT_EQ(schedule[1].vehicle_type, "shuttle");
}

TEST(DemandOdTest, TripErrorsNameTheTrip) {
  const Network net = three_by_three();
  DemandSpec demand;
  demand.trips.push_back({30.0, "B_W_r0", "B_E_r0", {"J_r1_c1->J_r9_c1"}, "car"});
  EXPECT_NE(error_of(demand, net).find("demand.trips[0]: via[0]: unknown link 'J_r1_c1->J_r9_c1'"),
            std::string::npos);
  demand.trips[0].via = {"J_r2_c2->B_N_c2"};  // an exit link: the trip cannot go on from it
  EXPECT_EQ(error_of(demand, net),
            "demand.trips[0]: no route from 'B_W_r0' to 'B_E_r0' through every via link in order");
}

}  // namespace
}  // namespace citytwin
