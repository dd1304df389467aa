#include "agents/traffic/vehicle_type_spec.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace citytwin {
namespace {

std::optional<VehicleClass> class_named(const std::string& name) {
  for (std::size_t c = 0; c < kVehicleClassCount; ++c) {
    if (vehicle_class_name(static_cast<VehicleClass>(c)) == name) {
      return static_cast<VehicleClass>(c);
    }
  }
  return std::nullopt;
}

void take(const std::optional<double>& value, double& into, const VehicleTypeSpec& spec,
          const char* what, bool zero_allowed) {
  if (!value) return;
  const double v = *value;
  if (!std::isfinite(v) || v < 0.0 || (!zero_allowed && v == 0.0)) {
    throw VehicleTypeError("vehicle type '" + spec.name + "': " + what + " must be " +
                           (zero_allowed ? ">= 0" : "> 0") + ", got " + std::to_string(v));
  }
  into = v;
}

}  // namespace

VehicleType make_vehicle_type(const VehicleTypeSpec& spec) {
  const auto base = class_named(spec.base);
  if (!base) {
    throw VehicleTypeError("vehicle type '" + spec.name + "': unknown base class '" + spec.base +
                           "' (expected car, bus, truck or shuttle)");
  }
  VehicleType t = default_vehicle_type(*base);
  take(spec.length, t.length, spec, "length", false);
  take(spec.max_speed, t.idm.desired_speed, spec, "max_speed", false);
  take(spec.acceleration, t.idm.max_acceleration, spec, "acceleration", false);
  take(spec.deceleration, t.idm.comfortable_decel, spec, "deceleration", false);
  take(spec.emergency_deceleration, t.max_decel, spec, "emergency_deceleration", false);
  take(spec.min_gap, t.idm.min_gap, spec, "min_gap", true);
  take(spec.headway, t.idm.time_headway, spec, "headway", true);
  take(spec.speed_factor, t.drivers.speed_factor, spec, "speed_factor", false);
  take(spec.speed_deviation, t.drivers.speed_deviation, spec, "speed_deviation", true);
  take(spec.dawdling, t.drivers.dawdling, spec, "dawdling", true);
  if (t.drivers.speed_factor < kMinSpeedFactor || t.drivers.speed_factor > kMaxSpeedFactor) {
    throw VehicleTypeError("vehicle type '" + spec.name + "': speed_factor must be between " +
                           std::to_string(kMinSpeedFactor) + " and " +
                           std::to_string(kMaxSpeedFactor));
  }
  if (t.drivers.dawdling > 1.0) {
    throw VehicleTypeError("vehicle type '" + spec.name + "': dawdling must be between 0 and 1");
  }
  t.mobil.keeps_route_lanes = spec.keeps_route_lanes;
  if (spec.road_class) t.road_class = *spec.road_class;
  // Emergency braking is never gentler than comfortable braking.
  t.max_decel = std::max(t.max_decel, t.idm.comfortable_decel);
  return t;
}

std::vector<VehicleType> vehicle_types_with(const std::vector<VehicleTypeSpec>& specs,
                                            std::vector<std::string>& names) {
  std::vector<VehicleType> types;
  names.clear();
  for (std::size_t c = 0; c < kVehicleClassCount; ++c) {
    types.push_back(default_vehicle_type(static_cast<VehicleClass>(c)));
    names.emplace_back(vehicle_class_name(static_cast<VehicleClass>(c)));
  }
  for (const VehicleTypeSpec& spec : specs) {
    if (spec.name.empty()) throw VehicleTypeError("a vehicle type has an empty name");
    if (std::find(names.begin(), names.end(), spec.name) != names.end()) {
      throw VehicleTypeError("vehicle type '" + spec.name + "' is defined twice");
    }
    types.push_back(make_vehicle_type(spec));
    names.push_back(spec.name);
  }
  if (types.size() > 255) throw VehicleTypeError("more than 255 vehicle types");
  return types;
}

}  // namespace citytwin
