// The seams other families steer road traffic through, driven by small systems written here as a
// V2I advisor or a robot on a crosswalk would be: speed caps addressed to RoadVehicles rows
// (GLOSA), movements held by JunctionBlockers (a crosswalk in use), and the RoadVehicles view
// itself.
#include <gtest/gtest.h>

#include <algorithm>

#include "agents/contracts/junction_blockers.hpp"
#include "agents/contracts/lane_observations.hpp"
#include "agents/contracts/road_vehicles.hpp"
#include "agents/contracts/speed_advice.hpp"
#include "agents/traffic_fixtures.hpp"
#include "sim/step/step_context.hpp"

namespace citytwin {
namespace {

using testing::SingleApproach;

// Caps every vehicle it sees at `cap` m/s while `active`; `stale` stamps the advice with an old
// generation (as a sender that read the rows a step too early would).
class Advisor final : public System {
 public:
  explicit Advisor(double cap) : cap_(cap) {}
  std::string_view name() const override { return "advisor"; }
  void connect(Resources& r) override {
    vehicles_ = r.obtain<RoadVehicles>(RoadVehicles::kName);
    advice_ = r.obtain<SpeedAdvice>(SpeedAdvice::kName);
  }
  void declare(SystemDeclaration& d) const override {
    d.in(Phase::kDecide, {vehicles_}, {advice_}, {"traffic"});
  }
  void run(Phase, StepContext& context) override {
    const RoadVehicles& vehicles = context.read(vehicles_);
    SpeedAdvice& advice = context.write(advice_);
    if (!active) return;
    const auto caps = advice.open(vehicles.size(), vehicles.generation - (stale ? 1 : 0));
    for (std::uint32_t row = 0; row < vehicles.size(); ++row) {
      SpeedAdvice::limit(caps, row, cap_);
    }
  }
  void hash_state(StateHasher&) const override {}
  bool active = true;
  bool stale = false;

 private:
  double cap_;
  Resource<RoadVehicles> vehicles_;
  Resource<SpeedAdvice> advice_;
};

// Holds one movement while `holding` (a robot standing on the crosswalk it crosses).
class Crossing final : public System {
 public:
  explicit Crossing(ConnectionId movement) : movement_(movement) {}
  std::string_view name() const override { return "crossing"; }
  void connect(Resources& r) override {
    blockers_ = r.obtain<JunctionBlockers>(JunctionBlockers::kName, std::size_t{0});
  }
  void declare(SystemDeclaration& d) const override { d.in(Phase::kDecide, {}, {blockers_}); }
  void run(Phase, StepContext& context) override {
    JunctionBlockers& blockers = context.write(blockers_);
    if (holding && !held_) blockers.hold(movement_);
    if (!holding && held_) blockers.release(movement_);
    held_ = holding;
  }
  void hash_state(StateHasher&) const override {}
  bool holding = true;

 private:
  ConnectionId movement_;
  bool held_ = false;
  Resource<JunctionBlockers> blockers_;
};

// Always green: one stage, no amber, no all-red.
FixedTimePlanSpec always_green() {
  FixedTimePlanSpec plan;
  plan.cycle = 600.0;
  plan.amber = 0.0;
  plan.all_red = 0.0;
  return plan;
}

// One approach: green throughout, or (red_first) red for the first 300 s of a 600 s cycle.
struct Approach {
  explicit Approach(bool red_first = false)
      : net(1500.0, 300.0, red_first ? 2 : 1, red_first ? 1 : 0) {}
  SingleApproach net;
  std::unique_ptr<World> world;
  TrafficSystem* traffic = nullptr;

  template <class Extra, class... Args>
  Extra& build(Args&&... args) {
    world = std::make_unique<World>(testing::test_world_config(1.0, 2),
                                    std::make_shared<const Network>(net.network));
    world->emplace_system<TrafficSignals>(world->shared_network(), always_green());
    traffic =
        &world->emplace_system<TrafficSystem>(world->shared_network(), testing::car_types(),
                                              testing::car_type_names(), std::vector<Departure>{});
    Extra& extra = world->emplace_system<Extra>(std::forward<Args>(args)...);
    world->start();
    return extra;
  }
  double speed() const { return traffic->vehicles().slots().speed[0]; }
};

TEST(TrafficSeams, ASpeedCapHoldsAVehicleBelowItAndLiftingItLetsItSpeedUp) {
  Approach a;
  Advisor& advisor = a.build<Advisor>(5.0);
  ASSERT_TRUE(a.traffic->place_vehicle(a.net.approach, a.net.exit, a.net.approach_lane, 20.0,
                                       testing::kUrbanSpeedLimit, 0));
  for (int s = 0; s < 40; ++s) a.world->step();
  EXPECT_LE(a.speed(), 5.0 + 1e-9);
  EXPECT_GT(a.speed(), 4.5);  // it drives at the cap, not below it
  EXPECT_EQ(a.traffic->speed_caps_applied(), 40u);
  EXPECT_EQ(a.traffic->speed_caps_stale(), 0u);

  advisor.active = false;
  for (int s = 0; s < 30; ++s) a.world->step();
  EXPECT_GT(a.speed(), 12.0);  // back toward the 50 km/h limit
}

TEST(TrafficSeams, AdviceForRowsThatHaveMovedIsDroppedAndCounted) {
  Approach a;
  Advisor& advisor = a.build<Advisor>(5.0);
  advisor.stale = true;
  ASSERT_TRUE(a.traffic->place_vehicle(a.net.approach, a.net.exit, a.net.approach_lane, 20.0,
                                       testing::kUrbanSpeedLimit, 0));
  for (int s = 0; s < 20; ++s) a.world->step();
  EXPECT_GT(a.speed(), 12.0);
  EXPECT_EQ(a.traffic->speed_caps_applied(), 0u);
  EXPECT_EQ(a.traffic->speed_caps_stale(), 20u);
}

TEST(TrafficSeams, AHeldMovementStopsTheFrontVehicleAtTheLineUntilReleased) {
  Approach a;
  const ConnectionId through = a.net.network.lane(a.net.approach_lane).first_connection;
  Crossing& crossing = a.build<Crossing>(through);
  ASSERT_TRUE(a.traffic->place_vehicle(a.net.approach, a.net.exit, a.net.approach_lane,
                                       a.net.approach_length - 150.0, testing::kUrbanSpeedLimit,
                                       0));
  for (int s = 0; s < 60; ++s) a.world->step();
  // Green all along, yet it waits at the line of the held movement.
  const auto& slots = a.traffic->vehicles().slots();
  ASSERT_EQ(a.traffic->vehicles().size(), 1u);
  EXPECT_EQ(slots.track[0], a.net.approach_lane);
  EXPECT_LT(a.net.approach_length - slots.position[0], 2.0);
  EXPECT_LT(a.speed(), 0.1);

  crossing.holding = false;
  for (int s = 0; s < 60; ++s) a.world->step();
  EXPECT_EQ(a.traffic->arrived(), 1u);
}

// Publishes nothing itself: reads RoadVehicles in exchange and keeps a copy of what it saw.
class Watcher final : public System {
 public:
  std::string_view name() const override { return "watcher"; }
  void connect(Resources& r) override { vehicles_ = r.obtain<RoadVehicles>(RoadVehicles::kName); }
  void declare(SystemDeclaration& d) const override { d.in(Phase::kExchange, {vehicles_}); }
  void run(Phase, StepContext& context) override {
    const RoadVehicles& v = context.read(vehicles_);
    ids.assign(v.id.begin(), v.id.end());
    positions.assign(v.position.begin(), v.position.end());
    generation = v.generation;
  }
  void hash_state(StateHasher&) const override {}
  std::vector<std::uint32_t> ids;
  std::vector<double> positions;
  std::uint64_t generation = 0;

 private:
  Resource<RoadVehicles> vehicles_;
};

TEST(TrafficSeams, RoadVehiclesShowTheVehiclesAsTheStepLeftThem) {
  Approach a;
  Watcher& watcher = a.build<Watcher>();
  for (const double at : {100.0, 60.0, 20.0}) {
    ASSERT_TRUE(
        a.traffic->place_vehicle(a.net.approach, a.net.exit, a.net.approach_lane, at, 10.0, 0));
  }
  for (int s = 0; s < 5; ++s) a.world->step();
  const auto& slots = a.traffic->vehicles().slots();
  ASSERT_EQ(watcher.ids.size(), 3u);
  for (std::size_t row = 0; row < 3; ++row) {
    EXPECT_EQ(watcher.ids[row], slots.id[row]);
    EXPECT_EQ(watcher.positions[row], slots.position[row]);
  }
  EXPECT_EQ(watcher.generation, a.traffic->vehicles().repack_count());
}

}  // namespace
}  // namespace citytwin

namespace citytwin {
namespace {

// Reads the observations in decide, as an actuated controller would: what traffic saw at the end
// of the previous step.
class Observer final : public System {
 public:
  std::string_view name() const override { return "observer"; }
  void connect(Resources& r) override {
    observations_ = r.obtain<LaneObservations>(LaneObservations::kName, std::size_t{0});
  }
  void declare(SystemDeclaration& d) const override { d.in(Phase::kDecide, {observations_}); }
  void run(Phase, StepContext& context) override { seen = context.read(observations_); }
  void hash_state(StateHasher&) const override {}
  LaneObservations seen{0};

 private:
  Resource<LaneObservations> observations_;
};

TEST(TrafficSeams, LaneObservationsCountVehiclesAndQueuesWhenSomeoneReadsThem) {
  Approach a(/*red_first=*/true);
  Observer& observer = a.build<Observer>();
  // Three standing bumper to bumper (at the standstill gap) at the red line and one moving far
  // behind them.
  const double spacing = a.traffic->type(0).length + a.traffic->type(0).idm.min_gap;
  for (int k = 0; k < 3; ++k) {
    ASSERT_TRUE(a.traffic->place_vehicle(a.net.approach, a.net.exit, a.net.approach_lane,
                                         a.net.approach_length - 0.5 - k * spacing, 0.0, 0));
  }
  ASSERT_TRUE(a.traffic->place_vehicle(a.net.approach, a.net.exit, a.net.approach_lane, 100.0,
                                       testing::kUrbanSpeedLimit, 0));
  a.world->step();  // traffic observes at the end of step 1
  a.world->step();  // the observer reads them in step 2's decide
  ASSERT_EQ(observer.seen.vehicles.size(), a.net.network.lanes().size());
  EXPECT_EQ(observer.seen.time, 1.0);
  EXPECT_EQ(observer.seen.vehicles[a.net.approach_lane], 4u);
  EXPECT_EQ(observer.seen.queued[a.net.approach_lane], 3u);
  EXPECT_EQ(observer.seen.vehicles[a.net.network.link(a.net.exit).first_lane], 0u);
  // Their positions, front first: the queue's head 0.5 m before the line, standing; the moving
  // one last, far behind.
  const LaneObservations& seen = observer.seen;
  const auto front = seen.lane_column(seen.front_to_end, a.net.approach_lane);
  const auto length = seen.lane_column(seen.length, a.net.approach_lane);
  const auto speed = seen.lane_column(seen.speed, a.net.approach_lane);
  ASSERT_EQ(front.size(), 4u);
  EXPECT_NEAR(front[0], 0.5, 1e-9);
  EXPECT_NEAR(front[1], 0.5 + spacing, 1e-9);
  EXPECT_EQ(speed[0], 0.0);
  EXPECT_GT(front[3], a.net.approach_length - 100.0 - 1e-9 - 2.0 * testing::kUrbanSpeedLimit);
  EXPECT_GT(speed[3], 0.0);
  EXPECT_EQ(length[3], a.traffic->type(0).length);
  EXPECT_TRUE(
      seen.lane_column(seen.front_to_end, a.net.network.link(a.net.exit).first_lane).empty());
}

TEST(TrafficSeams, NobodyReadingTheObservationsCostsNothing) {
  Approach a;
  a.build<Watcher>();
  ASSERT_TRUE(
      a.traffic->place_vehicle(a.net.approach, a.net.exit, a.net.approach_lane, 100.0, 10.0, 0));
  for (int s = 0; s < 3; ++s) a.world->step();
  const auto& resources = a.world->resources();
  const auto observations = resources.find<LaneObservations>(LaneObservations::kName);
  EXPECT_FALSE(resources.has_readers(observations));
  EXPECT_EQ(resources.get(observations).time, -1.0);  // never filled
}

}  // namespace
}  // namespace citytwin
