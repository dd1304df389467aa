// A light that goes from green straight to red (no amber: CityFlow's plans, some SUMO programs)
// catches drivers too close to stop even at their hardest braking: they go on, as CityFlow's and
// SUMO's vehicles do, and nobody else enters on red. With amber nobody enters on red at all
// (TrafficInvariants.NoVehicleEntersAJunctionOnRed).
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "agents/signals/traffic_signals.hpp"
#include "agents/traffic_fixtures.hpp"

namespace citytwin {
namespace {

using testing::SingleApproach;

struct RedEntries {
  std::uint64_t through_on_green = 0;
  std::uint64_t on_red = 0;       // entries during a step the through group showed red
  std::uint64_t unjustified = 0;  // of those: not in the switch's step, or able to stop
};

RedEntries run(double amber) {
  const SingleApproach net(400.0, 300.0, /*stage_count=*/2, /*through_stage=*/0);
  FixedTimePlanSpec plan;
  plan.cycle = 61.3;  // not a multiple of the arrivals' 2.7 s: each switch finds them elsewhere
  plan.green = 27.0;
  plan.amber = amber;
  plan.all_red = 0.0;
  World world(testing::test_world_config(1.0), std::make_shared<const Network>(net.network));
  auto& signals = world.emplace_system<TrafficSignals>(world.shared_network(), plan);
  std::vector<Departure> departures;
  for (int k = 0; k < 300; ++k) {  // a vehicle each 2.7 s: platoons reach the line at every switch
    Departure d;
    d.time = 2.7 * k;
    d.origin = net.approach;
    d.destination = net.exit;
    d.sequence = static_cast<std::uint32_t>(k);
    d.vehicle_type = "car";
    departures.push_back(d);
  }
  std::vector<VehicleType> types = testing::car_types();
  auto& traffic = world.emplace_system<TrafficSystem>(
      world.shared_network(), types, testing::car_type_names(), std::move(departures));
  world.start();
  const SignalGroupId through = net.network.connection(0).signal_group;
  RedEntries r;
  while (world.clock().now() < 800.0) {
    const double t0 = world.clock().now();
    // Vehicles on the approach before the step: id -> (distance to the line, speed).
    std::vector<std::pair<double, double>> before(400, {-1.0, 0.0});
    const auto& s0 = traffic.vehicles().slots();
    for (std::size_t i = 0; i < s0.size(); ++i) {
      if (s0.track[i] == net.approach_lane && s0.id[i] < before.size()) {
        before[s0.id[i]] = {net.approach_length - s0.position[i], s0.speed[i]};
      }
    }
    world.step();
    const auto& s = traffic.vehicles().slots();
    for (std::size_t i = 0; i < s.size(); ++i) {
      const std::uint32_t id = s.id[i];
      if (id >= before.size() || before[id].first < 0.0 || s.track[i] == net.approach_lane) {
        continue;
      }
      const SignalState shown = signals.state_at(through, t0);
      if (shown != SignalState::kRed) {
        ++r.through_on_green;
        continue;
      }
      ++r.on_red;
      const bool switch_step = signals.state_at(through, t0 - 1.0) == SignalState::kGreen;
      const auto [distance, speed] = before[id];
      const bool could_stop = speed * speed <= 2.0 * types[0].max_decel * distance;
      if (!switch_step || could_stop) ++r.unjustified;
    }
  }
  return r;
}

TEST(RedSwitch, DriversASwitchWithoutAmberCatchesGoOnAndNobodyElse) {
  const RedEntries r = run(0.0);
  EXPECT_GT(r.through_on_green, 100u);
  EXPECT_GT(r.on_red, 0u);  // the situation arises
  EXPECT_EQ(r.unjustified, 0u);
}

TEST(RedSwitch, WithAmberNobodyEntersOnRed) {
  const RedEntries r = run(3.0);
  EXPECT_GT(r.through_on_green, 100u);
  EXPECT_EQ(r.on_red, 0u);
}

}  // namespace
}  // namespace citytwin
