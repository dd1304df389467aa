#pragma once
// Shared set-ups for the traffic engine tests: worlds made of a TrafficSignals and a
// TrafficSystem on a generated grid or corridor with generated demand, and a single signalised
// approach built by hand for the HCM / Webster validations. Header-only so the agents and the
// integration test executables can both include it.
#include <cmath>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "agents/signals/traffic_signals.hpp"
#include "agents/traffic/demand.hpp"
#include "agents/traffic/traffic_system.hpp"
#include "agents/traffic/vehicle_type.hpp"
#include "sim/network/corridor_generator.hpp"
#include "sim/network/grid_generator.hpp"
#include "sim/network/network_builder.hpp"
#include "sim/step/world.hpp"

namespace citytwin::testing {

inline constexpr double kUrbanSpeedLimit = 50.0 / 3.6;  // m/s, 50 km/h

// A world with fixed-time signals and traffic. Owns the DemandSpec because departures view its
// strings (see generate_departures).
struct TrafficWorld {
  DemandSpec demand;
  std::unique_ptr<World> world;
  TrafficSignals* signals = nullptr;
  TrafficSystem* traffic = nullptr;
  std::size_t departures = 0;

  const Network& network() const { return world->network(); }
  double now() const { return world->clock().now(); }
};

// Only cars: the validation references (HCM, Webster) are stated in passenger cars.
inline std::vector<VehicleType> car_types() {
  return {default_vehicle_type(VehicleClass::kCar)};
}
inline std::vector<std::string> car_type_names() {
  return {"car"};
}

inline WorldConfig test_world_config(double step_seconds, unsigned threads = 1) {
  WorldConfig config;
  config.step_seconds = step_seconds;
  config.threads = threads;
  config.seed = 1;
  config.record_interval = 60;
  return config;
}

// Builds and starts a world on `network` with the demand generated from `world.demand` over
// [0, demand_duration).
inline std::unique_ptr<TrafficWorld> make_traffic_world(
    Network network, DemandSpec demand, const FixedTimePlanSpec& plan, double demand_duration,
    double step_seconds = 1.0, unsigned threads = 1, std::uint64_t seed = 7,
    TrafficConfig config = {}) {
  auto result = std::make_unique<TrafficWorld>();
  result->demand = std::move(demand);
  result->world = std::make_unique<World>(test_world_config(step_seconds, threads),
                                          std::make_shared<const Network>(std::move(network)));
  auto& world = *result->world;
  result->signals = &world.emplace_system<TrafficSignals>(world.shared_network(), plan);
  auto departures = generate_departures(result->demand, world.network(), seed, demand_duration);
  result->departures = departures.size();
  result->traffic = &world.emplace_system<TrafficSystem>(
      world.shared_network(), car_types(), car_type_names(), std::move(departures), config);
  world.start();
  return result;
}

// Random boundary-to-boundary trips at `vehicles_per_hour` over the whole network.
inline DemandSpec random_demand(double vehicles_per_hour, double min_distance = 0.0) {
  DemandSpec demand;
  RandomDemandSpec random;
  random.rate = vehicles_per_hour / 3600.0;
  random.min_distance = min_distance;
  demand.random = random;
  return demand;
}

inline GridSpec small_grid(std::uint32_t size, std::uint32_t lanes = 2) {
  GridSpec grid;
  grid.rows = size;
  grid.cols = size;
  grid.spacing = 200.0;
  grid.attach_length = 200.0;
  grid.lanes = lanes;
  grid.speed_limit = kUrbanSpeedLimit;
  grid.signalised = true;
  return grid;
}

inline FixedTimePlanSpec urban_plan() {
  FixedTimePlanSpec plan;
  plan.cycle = 60.0;
  plan.green = 27.0;
  plan.amber = 3.0;
  plan.all_red = 0.0;
  return plan;
}

// One signalised approach in isolation, as in the HCM saturation-flow and Webster delay studies:
//
//   B_in ──approach (1 lane)──► J (signal) ──exit (1 lane)──► B_out
//
// The approach ends `kBoxHalfLength` before J and the exit starts as far after it, so the straight
// connection through J is 2·kBoxHalfLength long. The approach's only movement belongs to group
// "through", green in the stage `through_stage`; groups "other_k" with no movements occupy the
// other stages (they stand for the cross street), so the approach sees green for
// 1/`stage_count` of the cycle minus amber and all-red (TrafficSignals splits a cycle evenly).
struct SingleApproach {
  static constexpr double kBoxHalfLength = 10.0;  // m
  Network network;
  LinkId approach = kNoId;
  LinkId exit = kNoId;
  LaneId approach_lane = kNoId;
  double approach_length = 0.0;  // m, stop line = end of the approach lane

  SingleApproach(double approach_metres, double exit_metres, std::uint8_t stage_count,
                 std::uint8_t through_stage, double speed_limit = kUrbanSpeedLimit) {
    NetworkBuilder b;
    const double junction_x = approach_metres + kBoxHalfLength;
    const NodeId in = b.add_node("B_in", {0.0, 0.0}, NodeControl::kBoundary);
    const NodeId junction = b.add_node("J", {junction_x, 0.0}, NodeControl::kSignal);
    const NodeId out = b.add_node("B_out", {junction_x + kBoxHalfLength + exit_metres, 0.0},
                                  NodeControl::kBoundary);
    const std::vector<Vec2> approach_shape = {{0.0, 0.0}, {approach_metres, 0.0}};
    const std::vector<Vec2> exit_shape = {{junction_x + kBoxHalfLength, 0.0},
                                          {junction_x + kBoxHalfLength + exit_metres, 0.0}};
    approach = b.add_link("approach", in, junction, 1, speed_limit, approach_shape);
    exit = b.add_link("exit", junction, out, 1, speed_limit, exit_shape);
    SignalGroupId through = kNoId;
    for (std::uint8_t stage = 0; stage < stage_count; ++stage) {
      if (stage == through_stage) {
        through = b.add_signal_group(junction, "through", stage);
      } else {
        b.add_signal_group(junction, "other_" + std::to_string(stage), stage);
      }
    }
    approach_lane = b.lane(approach, 0);
    b.add_connection(approach_lane, b.lane(exit, 0), Turn::kStraight, through);
    network = b.build();
    approach_length = network.lane(approach_lane).length;
  }
};

}  // namespace citytwin::testing
