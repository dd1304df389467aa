#pragma once
// Vehicle types a scenario (or an importer) defines beyond the built-in classes.
#include <stdexcept>
#include <string>
#include <vector>

#include "agents/traffic/vehicle_type.hpp"
#include "sim/scenario/schema.hpp"

namespace citytwin {

class VehicleTypeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The class named `base` ("car", "bus", "truck", "shuttle") with the values the spec gives. Throws
// VehicleTypeError naming the type for an unknown base or a value out of range (lengths and
// speeds must be > 0, accelerations > 0, gaps and headways >= 0).
VehicleType make_vehicle_type(const VehicleTypeSpec& spec);

// The built-in classes first (indices = VehicleClass values), then the specs in order; names are
// unique (a spec may not reuse a class name). `names` receives the name of each type.
std::vector<VehicleType> vehicle_types_with(const std::vector<VehicleTypeSpec>& specs,
                                            std::vector<std::string>& names);

}  // namespace citytwin
