#pragma once
// A vType's speedFactor as SUMO 1.15 writes it: a plain number (every vehicle alike unless speedDev
// says otherwise), or a distribution "norm(mean,dev)" / "normc(mean,dev,min,max)"
// (utils/distribution/Distribution_Parameterized). citytwin draws a normal factor redrawn outside
// [0.2, 2] (SUMO's default bounds), so other bounds are reported as approximated by the caller.
#include <optional>
#include <string_view>

namespace citytwin {

struct SumoSpeedFactor {
  double mean = 1.0;
  std::optional<double> deviation;  // from the distribution; absent for a plain number
  bool default_bounds = true;       // false: normc with bounds other than [0.2, 2]
};

// nullopt when the text is neither a number nor one of the two distributions with finite numbers,
// mean > 0 and deviation >= 0.
std::optional<SumoSpeedFactor> parse_sumo_speed_factor(std::string_view text);

}  // namespace citytwin
