#include "agents/traffic/mobil.hpp"

#include <algorithm>

namespace citytwin {

MobilDecision mobil_decide(const MobilParams& params, const MobilInputs& in,
                           double bias_toward_target) {
  const bool safe = in.new_follower_accel_after >= -params.safe_decel;
  const double own_gain = in.ego_accel_target - in.ego_accel_current;
  const double others_gain = (in.new_follower_accel_after - in.new_follower_accel_before) +
                             (in.old_follower_accel_after - in.old_follower_accel_before);
  const double incentive = own_gain + params.politeness * others_gain + bias_toward_target;
  return {safe && incentive > params.threshold, incentive, safe};
}

MandatoryLaneChange mandatory_lane_change(const MobilParams& base, double distance_to_lane_end,
                                          double speed, double max_decel) {
  const double zone = std::max(kMandatoryZoneMin, kMandatoryZoneTime * std::max(0.0, speed));
  if (distance_to_lane_end >= zone) return {0.0, base, 0.0};

  const double urgency = 1.0 - std::max(0.0, distance_to_lane_end) / zone;
  MobilParams params = base;
  params.politeness = 0.0;
  if (speed < kMandatoryStoppedSpeed && distance_to_lane_end < kMandatoryStoppedDistance) {
    params.safe_decel = std::max(base.safe_decel, max_decel);
  }
  return {urgency, params, base.threshold + urgency * base.safe_decel};
}

}  // namespace citytwin
