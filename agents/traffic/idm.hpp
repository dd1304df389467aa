#pragma once
// Intelligent Driver Model (IDM): a stateless car-following strategy (params, ego, leader) →
// acceleration. Treiber, Hennecke & Helbing, "Congested traffic states in empirical observations
// and microscopic simulations", Phys. Rev. E 62 (2000); Treiber & Kesting, "Traffic Flow Dynamics"
// (Springer 2013), ch. 11.3.
//
// The acceleration functions run for every vehicle every step (tens of millions of calls a second),
// so they are inline, allocation-free, and avoid std::pow for the usual exponent δ = 4. Equilibrium
// and integration helpers that are not on the hot path live in idm.cpp.
#include <algorithm>
#include <cmath>
#include <limits>

#include "agents/traffic/vehicle_type.hpp"

namespace citytwin {

// Floor of every acceleration the model returns, m/s². Plain IDM asks for unbounded braking when
// the gap tends to zero ((s*/s)² → ∞); no tyre delivers that, and an unbounded value would make one
// bad step (e.g. a vehicle inserted too close) throw its follower backwards through the ballistic
// update. 9 m/s² is dry-asphalt emergency braking and equals VehicleType::max_decel for cars; the
// engine applies the vehicle's own (possibly lower) max_decel on top.
inline constexpr double kIdmMaxBraking = 9.0;

// (v/v0)^δ. δ = 4 is the published default and the only value the shipped vehicle types use, so it
// is two multiplications instead of a generic std::pow (≈ 20× slower on glibc).
inline double idm_speed_ratio_power(double ratio, double exponent) {
  if (exponent == 4.0) {
    const double r2 = ratio * ratio;
    return r2 * r2;
  }
  if (exponent == 2.0) return ratio * ratio;
  return std::pow(ratio, exponent);
}

// IDM parameters plus the constant every evaluation needs, 1/(2√(ab)), computed once per vehicle
// type instead of a square root and a division per call (the engine evaluates IDM several times per
// vehicle per step). Both entry points below go through it, so they agree to the last bit.
struct IdmKernel {
  IdmParams params;
  double inv_two_sqrt_ab = 0.0;
  IdmKernel() = default;
  explicit IdmKernel(const IdmParams& p)
      : params(p), inv_two_sqrt_ab(0.5 / std::sqrt(p.max_acceleration * p.comfortable_decel)) {}
};

// Desired dynamic gap s*(v, Δv) = s0 + max(0, vT + vΔv / (2√(ab))), m. dv = v − v_leader (approach
// rate, positive when closing in). The max(0, ·) keeps s* ≥ s0 when the leader pulls away fast
// (Treiber & Kesting ch. 11.3).
inline double idm_desired_gap(const IdmKernel& k, double v, double dv) {
  const double dynamic = v * k.params.time_headway + v * dv * k.inv_two_sqrt_ab;
  return k.params.min_gap + std::max(0.0, dynamic);
}
inline double idm_desired_gap(const IdmParams& p, double v, double dv) {
  return idm_desired_gap(IdmKernel(p), v, dv);
}

// Free-road term a_free(v) for desired speed v0 > 0.
// Below v0: a[1 − (v/v0)^δ] (plain IDM).
// Above v0 (the lane's speed limit just dropped, e.g. entering a 30 km/h zone): plain IDM gives
// a[1 − (v/v0)^δ], which for 50 → 30 km/h is −6.7 m/s², an emergency stop for a sign. We use the
// "improved IDM" free-road branch instead, −b[1 − (v0/v)^(aδ/b)] (Treiber & Kesting 2013,
// ch. 11.3), which slows down at most at the comfortable deceleration b. Both branches are 0 at
// v = v0, so the function stays continuous; equilibria (v < v0) are those of plain IDM.
inline double idm_free_road_term(const IdmParams& p, double v, double v0) {
  if (v <= v0) return p.max_acceleration * (1.0 - idm_speed_ratio_power(v / v0, p.exponent));
  const double exponent = p.max_acceleration * p.exponent / p.comfortable_decel;
  return -p.comfortable_decel * (1.0 - std::pow(v0 / v, exponent));
}

// IDM acceleration, m/s², in [−kIdmMaxBraking, a].
//   v            ego speed, m/s (≥ 0)
//   v0_effective desired speed after the engine capped it by the lane speed limit, m/s.
//                ≤ 0 means "must not move": the free-road term becomes −b while moving, 0 at rest.
//   gap          bumper-to-bumper distance to the leader (or stop line), m; +infinity for no
//                leader. gap ≤ 0 (overlap) returns −kIdmMaxBraking.
//   v_leader     leader speed, m/s (ignored when gap is infinite).
// a[1 − (v/v0)^δ − (s*/s)²] (Treiber & Kesting ch. 11.3).
inline double idm_acceleration(const IdmKernel& k, double v, double v0_effective, double gap,
                               double v_leader) {
  const IdmParams& p = k.params;
  if (gap <= 0.0) return -kIdmMaxBraking;
  double accel = v0_effective > 0.0 ? idm_free_road_term(p, v, v0_effective)
                                    : (v > 0.0 ? -p.comfortable_decel : 0.0);
  if (gap != std::numeric_limits<double>::infinity()) {
    const double ratio = idm_desired_gap(k, v, v - v_leader) / gap;
    accel -= p.max_acceleration * ratio * ratio;
  }
  return std::max(accel, -kIdmMaxBraking);
}
inline double idm_acceleration(const IdmParams& p, double v, double v0_effective, double gap,
                               double v_leader) {
  return idm_acceleration(IdmKernel(p), v, v0_effective, gap, v_leader);
}

// Equilibrium (steady-state, a = 0, Δv = 0) gap at speed v: s_e(v) = s*(v, 0) / √(1 − (v/v0)^δ), m
// (Treiber & Kesting ch. 11.3). +infinity for v ≥ v0 (free flow needs no leader); s0 for v ≤ 0.
double idm_equilibrium_gap(const IdmParams& p, double v, double v0);

// Inverse of idm_equilibrium_gap: the speed at which `gap` is the equilibrium gap, m/s, in [0, v0).
// s_e is strictly increasing on [0, v0), so bisection converges; 0 for gap ≤ s0.
double idm_equilibrium_speed(const IdmParams& p, double gap, double v0);

// Steady-state flow at speed v: q = v / (s_e(v) + length), vehicles per second per lane.
double idm_equilibrium_flow(const IdmParams& p, double v, double v0, double vehicle_length);

// Fundamental diagram q(ρ) of identical IDM vehicles, vehicles per second per lane, for a density
// in vehicles per metre: spacing 1/ρ = s_e(v) + length is solved for v. 0 at or beyond jam density.
double idm_flow_at_density(const IdmParams& p, double density, double v0, double vehicle_length);

// One integration step of a vehicle under constant acceleration.
struct Motion {
  double speed;     // m/s after the step, ≥ 0
  double distance;  // m travelled during the step, ≥ 0
};

// Ballistic update (Treiber & Kanagaraj, "Comparing numerical integration schemes for
// time-continuous car-following models", Physica A 419, 2015): v' = max(0, v + a·dt) and x' = x +
// v·dt + ½a·dt², except that a vehicle which would stop within the step travels only its stopping
// distance −v²/(2a) and stays stopped (no reversing). Why ballistic, not SUMO's default Euler (x' =
// x + v'·dt): it costs the same, its positions are second-order accurate, so gaps, stopping points
// and discharge headways barely depend on dt (Euler's distort by O(dt)), and it needs no special
// stop handling to keep vehicles from creeping past stop lines. SUMO offers it as
// --step-method.ballistic for the same reasons.
// Inline: it runs for every vehicle every step.
inline Motion ballistic_step(double v, double accel, double dt) {
  if (dt <= 0.0) return {v, 0.0};
  const double v_next = v + accel * dt;
  if (v_next < 0.0) {
    // Stops within the step: accel < 0 here because v ≥ 0. Travel the stopping distance, then rest.
    return {0.0, -v * v / (2.0 * accel)};
  }
  return {v_next, std::max(0.0, v * dt + 0.5 * accel * dt * dt)};
}

}  // namespace citytwin
