// Per-class defaults (agents/traffic/vehicle_type.cpp): the documented literature values, and
// sanity relations between classes that the engine and scenarios rely on.
#include "agents/traffic/vehicle_type.hpp"

#include <gtest/gtest.h>

#include <string>

#include "agents/traffic/idm.hpp"

namespace citytwin {
namespace {

constexpr VehicleClass kAllClasses[] = {VehicleClass::kCar, VehicleClass::kBus,
                                        VehicleClass::kTruck, VehicleClass::kShuttle};

TEST(VehicleTypeTest, CarFollowsTreiberKestingCityTrafficAndMobilPaper) {
  const VehicleType car = default_vehicle_type(VehicleClass::kCar);
  EXPECT_EQ(car.vehicle_class, VehicleClass::kCar);
  EXPECT_DOUBLE_EQ(car.length, 5.0);
  EXPECT_DOUBLE_EQ(car.idm.desired_speed, 15.0);
  EXPECT_DOUBLE_EQ(car.idm.time_headway, 1.0);
  EXPECT_DOUBLE_EQ(car.idm.max_acceleration, 1.5);  // raised from 1.0 for HCM saturation flow
  EXPECT_DOUBLE_EQ(car.idm.comfortable_decel, 1.5);
  EXPECT_DOUBLE_EQ(car.idm.min_gap, 2.0);
  EXPECT_DOUBLE_EQ(car.idm.exponent, 4.0);
  EXPECT_DOUBLE_EQ(car.mobil.politeness, 0.2);
  EXPECT_DOUBLE_EQ(car.mobil.threshold, 0.1);
  EXPECT_DOUBLE_EQ(car.mobil.safe_decel, 4.0);
}

TEST(VehicleTypeTest, ClassSpecificShapes) {
  const VehicleType car = default_vehicle_type(VehicleClass::kCar);
  const VehicleType truck = default_vehicle_type(VehicleClass::kTruck);
  const VehicleType bus = default_vehicle_type(VehicleClass::kBus);
  const VehicleType shuttle = default_vehicle_type(VehicleClass::kShuttle);
  EXPECT_DOUBLE_EQ(truck.length, 12.0);
  EXPECT_DOUBLE_EQ(bus.length, 12.0);
  EXPECT_DOUBLE_EQ(shuttle.length, 6.0);
  EXPECT_LT(truck.idm.desired_speed, car.idm.desired_speed);
  EXPECT_DOUBLE_EQ(truck.idm.time_headway, 1.5);
  EXPECT_DOUBLE_EQ(truck.idm.max_acceleration, 0.7);
  EXPECT_NEAR(shuttle.idm.desired_speed, 8.0, 0.5);
  EXPECT_LT(shuttle.idm.max_acceleration, car.idm.max_acceleration);
  EXPECT_LT(shuttle.idm.comfortable_decel, car.idm.comfortable_decel);
}

TEST(VehicleTypeTest, EveryClassIsPhysicallyConsistent) {
  for (VehicleClass c : kAllClasses) {
    const VehicleType t = default_vehicle_type(c);
    SCOPED_TRACE(std::string(vehicle_class_name(c)));
    EXPECT_EQ(t.vehicle_class, c);
    EXPECT_GT(t.length, 0.0);
    EXPECT_GT(t.idm.desired_speed, 0.0);
    EXPECT_GT(t.idm.time_headway, 0.0);
    EXPECT_GT(t.idm.max_acceleration, 0.0);
    EXPECT_GT(t.idm.min_gap, 0.0);
    // Comfortable braking < MOBIL's safe limit ≤ physical limit ≤ the IDM clamp.
    EXPECT_LT(t.idm.comfortable_decel, t.mobil.safe_decel + 1e-12);
    EXPECT_LE(t.mobil.safe_decel, t.max_decel);
    EXPECT_LE(t.max_decel, kIdmMaxBraking);
    EXPECT_GE(t.mobil.politeness, 0.0);
    EXPECT_LE(t.mobil.politeness, 1.0);
    EXPECT_GT(t.mobil.threshold, 0.0);
    // A queue at jam spacing stays at rest, and starts when the leader leaves.
    EXPECT_DOUBLE_EQ(idm_acceleration(t.idm, 0.0, t.idm.desired_speed, t.idm.min_gap, 0.0), 0.0);
  }
}

}  // namespace
}  // namespace citytwin
