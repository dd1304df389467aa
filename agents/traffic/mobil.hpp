#pragma once
// MOBIL ("Minimizing Overall Braking Induced by Lane changes"): a stateless lane-change decision.
// Kesting, Treiber & Helbing, "General lane-changing model MOBIL for car-following models",
// Transportation Research Record 1999 (2007), 86–94; Treiber & Kesting, "Traffic Flow Dynamics",
// ch. 14.
//
// The caller computes the six accelerations with its car-following model (IDM in citytwin) for the
// situation before and after the hypothetical change; this file only weighs them. Naming, as in the
// paper: c = the changing (ego) vehicle, n = its new follower in the target lane, o = its old
// follower in the current lane; a = acceleration now, ã = acceleration after the change.
#include "agents/traffic/vehicle_type.hpp"

namespace citytwin {

struct MobilInputs {
  double ego_accel_current;          // a_c: ego in its current lane
  double ego_accel_target;           // ã_c: ego in the target lane, behind its new leader
  double new_follower_accel_before;  // a_n: target-lane follower behind its current leader
  double new_follower_accel_after;   // ã_n: target-lane follower behind the ego
  double old_follower_accel_before;  // a_o: current-lane follower behind the ego
  double old_follower_accel_after;   // ã_o: current-lane follower behind the ego's current leader
};

struct MobilDecision {
  bool change;       // safe and the incentive clears the threshold
  double incentive;  // ã_c − a_c + p[(ã_n − a_n) + (ã_o − a_o)] + bias, m/s²
  bool safe;         // ã_n ≥ −b_safe
};

// Decides one candidate change (Kesting et al. 2007, safety and incentive criteria):
//   safety:    ã_n ≥ −b_safe
//   incentive: ã_c − a_c + p[(ã_n − a_n) + (ã_o − a_o)] + bias > Δa_th
// `bias_toward_target`, m/s², favours (> 0) or penalises (< 0) the target lane: the keep-right rule
// passes +MobilParams::right_bias for a move to the right and −right_bias for one to the left
// (the paper's asymmetric variant), and mandatory_lane_change() supplies the bias toward a required
// lane.
MobilDecision mobil_decide(const MobilParams& params, const MobilInputs& in,
                           double bias_toward_target = 0.0);

// Mandatory change toward the lane that continues to the vehicle's next link (a documented
// extension; the paper models such situations with a bias but leaves its size open).
//
// Rule: inside the zone D = max(50 m, 10 s × speed) before the end of the usable lane, with
// urgency u = 1 − distance / D ∈ (0, 1]:
//   * politeness drops to 0 — the driver must go, other drivers' comfort no longer counts;
//   * the bias toward the required lane is Δa_th + u·b_safe: at the zone entry the change is
//     made as soon as it is not a disadvantage, at the end the ego accepts up to b_safe of extra
//     braking;
//   * safety still holds with b_safe, except when the vehicle is (nearly) stopped close to the end
//     (speed < 1 m/s, distance < 15 m): then the new follower may be asked to brake up to
//     max_decel, which is how a stuck driver noses in. Without that, a dense target lane can block
//     it forever.
// Outside the zone urgency is 0 and the parameters are returned unchanged with bias 0.
inline constexpr double kMandatoryZoneMin = 50.0;          // m
inline constexpr double kMandatoryZoneTime = 10.0;         // s of travel at the current speed
inline constexpr double kMandatoryStoppedSpeed = 1.0;      // m/s
inline constexpr double kMandatoryStoppedDistance = 15.0;  // m

struct MandatoryLaneChange {
  double urgency;      // 0 (outside the zone) … 1 (at the end)
  MobilParams params;  // the parameters to pass to mobil_decide
  double bias;         // bias_toward_target for mobil_decide toward the required lane, m/s²
};

MandatoryLaneChange mandatory_lane_change(const MobilParams& base, double distance_to_lane_end,
                                          double speed, double max_decel);

}  // namespace citytwin
