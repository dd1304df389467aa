#pragma once
// Shared by the demand tests: a small grid to place demand on, and the message a bad demand gives.
#include <string>

#include "agents/traffic/demand.hpp"
#include "sim/network/grid_generator.hpp"

namespace citytwin::testing {

// 3x3 signalised grid, 300 m blocks, 200 m fringe links: 12 entries and 12 exits.
inline Network three_by_three() {
  GridSpec spec;
  spec.rows = 3;
  spec.cols = 3;
  spec.spacing = 300.0;
  spec.attach_length = 200.0;
  return generate_grid(spec);
}

// The DemandError message generate_departures throws, or "(no error)".
inline std::string error_of(const DemandSpec& demand, const Network& net) {
  try {
    generate_departures(demand, net, 1, 3600.0);
  } catch (const DemandError& error) {
    return error.what();
  }
  return "(no error)";
}

}  // namespace citytwin::testing
