#include "sim/io/capacity_calibration.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace citytwin {
namespace {

// IDM acceleration (Treiber & Kesting, "Traffic Flow Dynamics", ch. 11.3), δ = 4, bounded by the
// engine's 9 m/s² emergency braking. Restated here because the importers (citytwin_sim) do not link
// the traffic agents; tests/agents/capacity_parity_test.cpp measures the engine with the result.
double idm_accel(const IdmDischargeVehicle& c, double t_headway, double v, double gap,
                 double v_leader) {
  const double r = v / c.desired_speed;
  double a = c.acceleration * (1.0 - r * r * r * r);
  if (gap != INFINITY) {
    if (gap <= 0.0) return -9.0;
    const double dynamic =
        v * t_headway + v * (v - v_leader) / (2.0 * std::sqrt(c.acceleration * c.deceleration));
    const double ratio = (c.min_gap + std::max(0.0, dynamic)) / gap;
    a -= c.acceleration * ratio * ratio;
  }
  return std::max(a, -9.0);
}

}  // namespace

double idm_discharge_headway(const IdmDischargeVehicle& c, double time_headway, double dt) {
  constexpr int kQueue = 24;
  std::vector<double> front(kQueue), v(kQueue, 0.0), accel(kQueue), crossed(kQueue, -1.0);
  for (int i = 0; i < kQueue; ++i) front[i] = -0.5 - i * (c.min_gap + c.length);
  for (double t = 0.0; crossed[19] < 0.0 && t < 1200.0; t += dt) {
    for (int i = 0; i < kQueue; ++i) {
      const double gap = i == 0 ? INFINITY : front[i - 1] - c.length - front[i];
      accel[i] = idm_accel(c, time_headway, v[i], gap, i == 0 ? 0.0 : v[i - 1]);
    }
    for (int i = 0; i < kQueue; ++i) {  // ballistic update, as agents/traffic/idm.hpp
      const double before = front[i];
      const double v_next = v[i] + accel[i] * dt;
      if (v_next < 0.0) {
        front[i] += -v[i] * v[i] / (2.0 * accel[i]);
        v[i] = 0.0;
      } else {
        front[i] += std::max(0.0, v[i] * dt + 0.5 * accel[i] * dt * dt);
        v[i] = v_next;
      }
      if (before < 0.0 && front[i] >= 0.0) crossed[i] = t + dt * (-before) / (front[i] - before);
    }
  }
  if (crossed[19] < 0.0) return INFINITY;
  return (crossed[19] - crossed[3]) / 16.0;
}

double idm_time_headway_for_discharge(const IdmDischargeVehicle& vehicle, double target) {
  // The discharge headway grows with T (larger desired gaps), so bisection converges.
  double lo = 0.1, hi = 4.0;
  if (idm_discharge_headway(vehicle, lo) >= target) return lo;
  if (idm_discharge_headway(vehicle, hi) <= target) return hi;
  for (int k = 0; k < 30; ++k) {
    const double mid = 0.5 * (lo + hi);
    (idm_discharge_headway(vehicle, mid) < target ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

double cityflow_discharge_headway(double length, double max_speed, double headway_time) {
  constexpr double kStartUpLimited = 2.125;  // s/veh, measured (see header)
  return std::max(kStartUpLimited, length / max_speed + headway_time);
}

double krauss_discharge_headway(double length, double min_gap, double tau, double max_speed,
                                double sigma) {
  constexpr double kCrossingSpeedCap = 11.1;  // m/s, measured (see header)
  const double v = std::min(max_speed, kCrossingSpeedCap);
  return ((length + min_gap) / v + tau) * (1.0 + 0.35 * sigma);
}

}  // namespace citytwin
