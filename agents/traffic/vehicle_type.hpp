#pragma once
#include <array>
#include <cstdint>
#include <string_view>

#include "sim/network/road_class.hpp"

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

struct VehicleType {
  VehicleClass vehicle_class = VehicleClass::kCar;
  RoadClass road_class = RoadClass::kPassenger;  // the lanes it may use
  double length = 5.0;                           // m
  double max_decel = 9.0;                        // m/s², physical emergency braking limit
  IdmParams idm;
  MobilParams mobil;
};

constexpr std::string_view vehicle_class_name(VehicleClass c) {
  constexpr std::array<std::string_view, kVehicleClassCount> names = {"car", "bus", "truck",
                                                                      "shuttle"};
  return names[static_cast<std::size_t>(c)];
}

// Per-class defaults (documented with their sources in vehicle_type.cpp).
VehicleType default_vehicle_type(VehicleClass c);

}  // namespace citytwin
