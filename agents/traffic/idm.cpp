#include "agents/traffic/idm.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace citytwin {

double idm_equilibrium_gap(const IdmParams& p, double v, double v0) {
  if (v <= 0.0) return p.min_gap;
  if (v >= v0) return std::numeric_limits<double>::infinity();
  const double free_fraction = 1.0 - idm_speed_ratio_power(v / v0, p.exponent);
  return idm_desired_gap(p, v, 0.0) / std::sqrt(free_fraction);
}

double idm_equilibrium_speed(const IdmParams& p, double gap, double v0) {
  if (gap <= p.min_gap || v0 <= 0.0) return 0.0;
  double lo = 0.0;
  double hi = v0;
  // 60 halvings of [0, v0] reach the resolution of a double; stop early once the bracket stops
  // shrinking. Not on the hot path (initialisation, fundamental diagrams, tests).
  for (int i = 0; i < 60 && hi - lo > 1e-12 * v0; ++i) {
    const double mid = 0.5 * (lo + hi);
    (idm_equilibrium_gap(p, mid, v0) < gap ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

double idm_equilibrium_flow(const IdmParams& p, double v, double v0, double vehicle_length) {
  if (v <= 0.0) return 0.0;
  const double gap = idm_equilibrium_gap(p, v, v0);
  if (gap == std::numeric_limits<double>::infinity()) return 0.0;
  return v / (gap + vehicle_length);
}

double idm_flow_at_density(const IdmParams& p, double density, double v0, double vehicle_length) {
  if (density <= 0.0) return 0.0;
  const double gap = 1.0 / density - vehicle_length;
  return density * idm_equilibrium_speed(p, gap, v0);
}

}  // namespace citytwin
