#pragma once
// What a vehicle type's driver spread means (VehicleTypeSpec::speed_factor, speed_deviation,
// dawdling), in one place for the engine (agents/traffic/vehicle_type.hpp) and the importers that
// calibrate against it (sim/io/sumo_routes.cpp).
#include <algorithm>

namespace citytwin {

// The range of a driver's speed factor, SUMO's default bounds ("normc(1,0.1,0.2,2)").
inline constexpr double kMinSpeedFactor = 0.2, kMaxSpeedFactor = 2.0;

// The speed a driver with this dawdling (SUMO's sigma, 0..1) holds in free flow where its ideal
// speed is `ideal`: a Krauss driver drops a uniform share of sigma x accel x 1 s below what it
// could reach each 1 s step and gets it back the next, so it cruises sigma/2 x min(accel x 1 s,
// ideal) below its ideal speed on average.
inline double dawdling_cruise_speed(double ideal, double acceleration, double dawdling) {
  return ideal - 0.5 * dawdling * std::min(acceleration * 1.0, ideal);
}

}  // namespace citytwin
