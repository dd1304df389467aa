#include "sim/core/clock.hpp"

#include <cmath>

namespace citytwin {

std::int64_t Clock::steps_for(double seconds) const {
  // A tiny tolerance keeps 3600 s / 0.1 s at 36000 steps rather than 36001 from rounding noise.
  const double steps = seconds / step_seconds_;
  return static_cast<std::int64_t>(std::ceil(steps - 1e-9));
}

}  // namespace citytwin
