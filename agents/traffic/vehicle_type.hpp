#pragma once
#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

#include "sim/network/road_class.hpp"
#include "sim/scenario/driver_spread.hpp"

namespace citytwin {

// Intelligent Driver Model parameters (Treiber, Hennecke & Helbing 2000; Treiber & Kesting,
// "Traffic Flow Dynamics", 2013, table 11.2).
struct IdmParams {
  double desired_speed = 15.0;     // v0, m/s (capped by the lane's speed limit)
  double time_headway = 1.5;       // T, s
  double max_acceleration = 1.0;   // a, m/s²
  double comfortable_decel = 1.5;  // b, m/s² (positive)
  double min_gap = 2.0;            // s0, m
  double exponent = 4.0;           // δ
};

// MOBIL lane-change parameters (Kesting, Treiber & Helbing 2007).
struct MobilParams {
  double politeness = 0.2;  // p
  double threshold = 0.1;   // Δa_th, m/s²
  double safe_decel = 4.0;  // b_safe, m/s²: the new follower may be asked to brake this hard
  double right_bias = 0.0;  // Δa_bias toward the right lane (keep-right rule), m/s²
  // No discretionary change into a lane that does not continue the route, however far from the
  // lane's end (imported CityFlow vehicles: CityFlow's never leave their route's lanes).
  bool keeps_route_lanes = false;
};

enum class VehicleClass : std::uint8_t { kCar, kBus, kTruck, kShuttle };
inline constexpr std::size_t kVehicleClassCount = 4;

// How drivers of one type differ and fall short of their speed, as SUMO's Krauss drivers do
// (imported SUMO types; citytwin's own and CityFlow's drive at the limit, all alike: the defaults).
// Each vehicle draws a factor ~ N(speed_factor, speed_deviation), redrawn outside [kMinSpeedFactor,
// kMaxSpeedFactor] = [0.2, 2] (sim/scenario/driver_spread.hpp; SUMO's default
// "normc(1,0.1,0.2,2)"), and aims for factor x the lane's limit, at most its type's desired speed
// (SUMO's speedFactor: vMax = min(maxSpeed, speedFactor x lane speed)). Dawdling (SUMO's sigma)
// lowers the speed it holds in free flow (dawdling_cruise_speed; SUMO 1.15 measured here: 13.22
// m/s on a 13.89 m/s road with accel 2.6, sigma 0.5; 13.24 by that formula).
struct DriverSpread {
  double speed_factor = 1.0;     // mean of the per-vehicle factor
  double speed_deviation = 0.0;  // its standard deviation (0: every vehicle takes the mean)
  double dawdling = 0.0;         // SUMO's sigma, 0..1
  bool varies() const { return speed_factor != 1.0 || speed_deviation > 0.0 || dawdling > 0.0; }
};

struct VehicleType {
  VehicleClass vehicle_class = VehicleClass::kCar;
  RoadClass road_class = RoadClass::kPassenger;  // the lanes it may use
  double length = 5.0;                           // m
  double max_decel = 9.0;                        // m/s², physical emergency braking limit
  IdmParams idm;
  MobilParams mobil;
  DriverSpread drivers;
};

// The speed a driver with this factor counts as ideal on a track with this limit (what its time
// loss is measured against, as SUMO's timeLoss is).
inline double ideal_speed(const VehicleType& type, double factor, double limit) {
  return std::min(type.idm.desired_speed, factor * limit);
}
// The desired speed (IDM v0) it drives with there: the ideal less what dawdling costs.
inline double cruise_speed(const VehicleType& type, double factor, double limit) {
  const double ideal = ideal_speed(type, factor, limit);
  return dawdling_cruise_speed(ideal, type.idm.max_acceleration, type.drivers.dawdling);
}

constexpr std::string_view vehicle_class_name(VehicleClass c) {
  constexpr std::array<std::string_view, kVehicleClassCount> names = {"car", "bus", "truck",
                                                                      "shuttle"};
  return names[static_cast<std::size_t>(c)];
}

// Per-class defaults (documented with their sources in vehicle_type.cpp).
VehicleType default_vehicle_type(VehicleClass c);

}  // namespace citytwin
