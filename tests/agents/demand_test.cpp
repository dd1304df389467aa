// Departure schedules. Statistical checks use fixed seeds (so they are deterministic) with
// tolerances of 4 standard deviations of the tested statistic, so a correct generator passes for
// almost every seed and a wrong rate or distribution fails.
#include "agents/traffic/demand.hpp"
#include "agents/demand_fixtures.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "agents/traffic/router.hpp"
#include "sim/network/grid_generator.hpp"
#include "sim/network/network_builder.hpp"

namespace citytwin {
namespace {

using testing::error_of;
using testing::three_by_three;

FlowSpec flow(std::string name, double veh_per_hour, Headways headways = Headways::kPoisson) {
  FlowSpec f;
  f.name = std::move(name);
  f.from = "B_W_r1";
  f.to = "B_E_r1";
  f.rate = veh_per_hour / 3600.0;
  f.headways = headways;
  return f;
}

DemandSpec one_flow(FlowSpec f) {
  DemandSpec demand;
  demand.flows.push_back(std::move(f));
  return demand;
}

std::vector<double> headways_of(const std::vector<Departure>& schedule) {
  std::vector<double> gaps;
  for (std::size_t i = 1; i < schedule.size(); ++i) {
    gaps.push_back(schedule[i].time - schedule[i - 1].time);
  }
  return gaps;
}

double coefficient_of_variation(const std::vector<double>& xs) {
  double mean = 0.0;
  for (double x : xs) mean += x;
  mean /= static_cast<double>(xs.size());
  double variance = 0.0;
  for (double x : xs) variance += (x - mean) * (x - mean);
  variance /= static_cast<double>(xs.size() - 1);
  return std::sqrt(variance) / mean;
}

bool same(const Departure& a, const Departure& b) {
  return a.time == b.time && a.origin == b.origin && a.destination == b.destination &&
         a.kind == b.kind && a.source == b.source && a.sequence == b.sequence &&
         a.vehicle_type == b.vehicle_type && a.via == b.via;
}

bool same(const std::vector<Departure>& a, const std::vector<Departure>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same(a[i], b[i])) return false;
  }
  return true;
}

TEST(DemandTest, PoissonFlowCountMatchesTheRate) {
  const Network net = three_by_three();
  const DemandSpec demand = one_flow(flow("east", 600.0));
  // Count over 1 h at 600 veh/h is Poisson(600): sigma = sqrt(600) ~ 24.5, tolerance 4 sigma.
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const auto schedule = generate_departures(demand, net, seed, 3600.0);
    EXPECT_NEAR(static_cast<double>(schedule.size()), 600.0, 4.0 * std::sqrt(600.0)) << seed;
    EXPECT_EQ(schedule.front().origin, net.find_link("B_W_r1->J_r1_c0"));
    EXPECT_EQ(schedule.front().destination, net.find_link("J_r1_c2->B_E_r1"));
    EXPECT_EQ(schedule.front().vehicle_type, "car");
  }
}

TEST(DemandTest, PoissonHeadwaysVaryAndUniformOnesDoNot) {
  const Network net = three_by_three();
  const DemandSpec poisson_demand = one_flow(flow("p", 600.0));
  const auto poisson = generate_departures(poisson_demand, net, 3, 3600.0);
  // Exponential headways have CV 1; the estimate from ~600 gaps has sd ~ 1/sqrt(600) ~ 0.04.
  EXPECT_NEAR(coefficient_of_variation(headways_of(poisson)), 1.0, 4.0 / std::sqrt(600.0));

  const DemandSpec uniform_demand = one_flow(flow("u", 600.0, Headways::kUniform));
  const auto uniform = generate_departures(uniform_demand, net, 3, 3600.0);
  ASSERT_EQ(uniform.size(), 600u);
  EXPECT_DOUBLE_EQ(uniform.front().time, 0.0);
  EXPECT_LT(coefficient_of_variation(headways_of(uniform)), 1e-9);
  EXPECT_NEAR(uniform[1].time - uniform[0].time, 6.0, 1e-12);
}

TEST(DemandTest, ScaleMultipliesCounts) {
  const Network net = three_by_three();
  DemandSpec uniform = one_flow(flow("u", 600.0, Headways::kUniform));
  uniform.scale = 2.0;
  EXPECT_EQ(generate_departures(uniform, net, 1, 3600.0).size(), 1200u);
  uniform.scale = 0.0;
  EXPECT_TRUE(generate_departures(uniform, net, 1, 3600.0).empty());

  DemandSpec poisson = one_flow(flow("p", 600.0));
  poisson.scale = 2.0;
  EXPECT_NEAR(static_cast<double>(generate_departures(poisson, net, 5, 3600.0).size()), 1200.0,
              4.0 * std::sqrt(1200.0));
}

TEST(DemandTest, DeparturesStayInsideTheirWindowAndTheSimulation) {
  const Network net = three_by_three();
  FlowSpec windowed = flow("w", 1800.0);
  windowed.begin = 600.0;
  windowed.end = 1200.0;
  FlowSpec past_the_end = flow("late", 1800.0);
  past_the_end.begin = 3000.0;
  past_the_end.end = 9000.0;  // clipped to the 3600 s simulation
  DemandSpec demand;
  demand.flows = {windowed, past_the_end};
  for (const Departure& d : generate_departures(demand, net, 9, 3600.0)) {
    if (d.source == 0) {
      EXPECT_GE(d.time, 600.0);
      EXPECT_LT(d.time, 1200.0);
    } else {
      EXPECT_GE(d.time, 3000.0);
      EXPECT_LT(d.time, 3600.0);
    }
  }
}

TEST(DemandTest, SameSeedSameScheduleOtherSeedOtherSchedule) {
  const Network net = three_by_three();
  DemandSpec demand;
  demand.flows = {flow("a", 400.0), flow("b", 300.0)};
  demand.flows[1].from = "B_S_c0";
  demand.flows[1].to = "B_N_c2";
  demand.random = RandomDemandSpec{0.2, 0.0, 0.0, 500.0, "truck"};
  const auto first = generate_departures(demand, net, 42, 3600.0);
  EXPECT_TRUE(same(first, generate_departures(demand, net, 42, 3600.0)));
  EXPECT_FALSE(same(first, generate_departures(demand, net, 43, 3600.0)));

  // Sorted by (time, kind, source, sequence); sequences count up in time order per source.
  std::vector<std::vector<std::uint32_t>> sequences(3);
  for (std::size_t i = 0; i < first.size(); ++i) {
    if (i > 0) {
      EXPECT_LE(first[i - 1].time, first[i].time);
    }
    const std::size_t row = first[i].kind == DemandSource::kRandom ? 2 : first[i].source;
    sequences[row].push_back(first[i].sequence);
  }
  for (const auto& row : sequences) {
    ASSERT_FALSE(row.empty());
    for (std::uint32_t k = 0; k < row.size(); ++k) EXPECT_EQ(row[k], k);
  }
}

TEST(DemandTest, AddingAFlowLeavesTheOthersUntouched) {
  const Network net = three_by_three();
  DemandSpec base = one_flow(flow("a", 400.0));
  DemandSpec more = base;
  more.flows.push_back(flow("b", 900.0));
  std::vector<Departure> only_a;
  for (Departure& d : generate_departures(more, net, 11, 3600.0)) {
    if (d.source == 0) only_a.push_back(d);
  }
  EXPECT_TRUE(same(only_a, generate_departures(base, net, 11, 3600.0)));
}

TEST(DemandTest, RandomDemandUsesEveryEligiblePairAndNoOther) {
  const Network net = three_by_three();
  DemandSpec demand;
  demand.random = RandomDemandSpec{1.0, 0.0, 0.0, 900.0, "car"};
  const auto schedule = generate_departures(demand, net, 5, 3600.0);
  // Poisson(3600): tolerance 4 sigma = 4 * 60.
  EXPECT_NEAR(static_cast<double>(schedule.size()), 3600.0, 4.0 * 60.0);

  // The eligible pairs, found independently by brute force over boundary links.
  Router router(net);
  std::set<std::pair<LinkId, LinkId>> eligible;
  for (const Node& a : net.nodes()) {
    if (a.control != NodeControl::kBoundary) continue;
    for (const Node& b : net.nodes()) {
      if (b.control != NodeControl::kBoundary || &a == &b) continue;
      if (std::hypot(a.position.x - b.position.x, a.position.y - b.position.y) < 900.0) continue;
      for (LinkId in : a.outgoing) {
        for (LinkId out : b.incoming) {
          if (!router.route(in, out).empty()) eligible.insert({in, out});
        }
      }
    }
  }
  ASSERT_GT(eligible.size(), 10u);
  std::set<std::pair<LinkId, LinkId>> used;
  for (const Departure& d : schedule) {
    EXPECT_TRUE(eligible.contains({d.origin, d.destination}))
        << net.link(d.origin).name << " -> " << net.link(d.destination).name;
    used.insert({d.origin, d.destination});
  }
  // ~3600 draws over < 100 pairs: each pair is expected > 36 times, so missing one means the
  // choice is not uniform (P(a pair is never drawn) < e^-36).
  EXPECT_EQ(used, eligible);
}

TEST(DemandTest, RandomDemandWithNoPairFarEnoughApartIsAnError) {
  const Network net = three_by_three();
  DemandSpec demand;
  demand.random = RandomDemandSpec{1.0, 0.0, 0.0, 50'000.0, "car"};
  EXPECT_NE(error_of(demand, net).find("demand.random: no entry/exit pair"), std::string::npos);
}

TEST(DemandTest, UnknownOrUnusablePlacesNameTheFlow) {
  const Network net = three_by_three();
  FlowSpec typo = flow("north_in", 100.0);
  typo.from = "B_W_r7";
  EXPECT_EQ(error_of(one_flow(typo), net),
            "flow 'north_in': from: unknown place 'B_W_r7' (expected a boundary node or a link "
            "name) (did you mean 'B_W_r0'?)");
  FlowSpec junction = flow("via_junction", 100.0);
  junction.to = "J_r1_c1";
  EXPECT_NE(error_of(one_flow(junction), net)
                .find("flow 'via_junction': to: node 'J_r1_c1' is not a boundary node"),
            std::string::npos);
  FlowSpec backwards = flow("backwards", 100.0);
  backwards.from = "J_r1_c2->B_E_r1";  // an exit link: nothing follows it
  backwards.to = "B_W_r1";
  EXPECT_EQ(error_of(one_flow(backwards), net),
            "flow 'backwards': no route from 'J_r1_c2->B_E_r1' to 'J_r1_c0->B_W_r1'");
  FlowSpec negative = flow("negative", -5.0);
  EXPECT_NE(error_of(one_flow(negative), net).find("flow 'negative': rate must be"),
            std::string::npos);
}

TEST(DemandTest, ABoundaryNodeWithSeveralLinksMustBeNamedByLink) {
  NetworkBuilder b;
  const NodeId edge = b.add_node("edge", {0, 0}, NodeControl::kBoundary);
  const NodeId north = b.add_node("north", {100, 100}, NodeControl::kBoundary);
  const NodeId south = b.add_node("south", {100, -100}, NodeControl::kBoundary);
  b.add_link("up", edge, north, 1, 10.0);
  b.add_link("down", edge, south, 1, 10.0);
  const Network net = b.build();
  FlowSpec f = flow("split", 100.0);
  f.from = "edge";
  f.to = "north";
  EXPECT_EQ(error_of(one_flow(f), net),
            "flow 'split': from: boundary node 'edge' has 2 outgoing links; name one of them: "
            "'up' and 'down'");
  f.from = "up";
  const DemandSpec by_link = one_flow(f);
  EXPECT_FALSE(generate_departures(by_link, net, 1, 3600.0).empty());
}

}  // namespace
}  // namespace citytwin
