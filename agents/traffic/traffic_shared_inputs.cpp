// The seams through which other systems steer road traffic, and the view of the vehicles traffic
// offers them in return (agents/contracts): signal indications, speed caps (GLOSA, speed
// harmonisation), movements blocked by something on a crosswalk, and RoadVehicles.
#include <algorithm>
#include <cmath>
#include <limits>

#include "agents/traffic/traffic_system.hpp"
#include "sim/step/step_context.hpp"

namespace citytwin {

void TrafficSystem::take_shared_inputs(const StepContext& context) {
  const std::vector<SignalState>& shown = context.read(indications_).state;
  signal_state_ = shown.data();
  // What each group showed the step before (may_enter: a switch from green straight to red).
  shown_before_.swap(shown_now_);
  shown_now_.assign(shown.begin(), shown.end());
  const JunctionBlockers& blockers = context.read(blockers_);
  blocked_ = blockers.any() ? &blockers : nullptr;

  speed_cap_ = nullptr;
  const SpeedAdvice& advice = context.read(speed_advice_);
  if (!advice.is_open()) return;
  // Caps address rows of the RoadVehicles published after the last repack: the slots the drive
  // pass is about to move.
  if (advice.generation() != lanes_.repack_count() || advice.caps().size() != lanes_.size()) {
    ++speed_caps_stale_;
    return;
  }
  const auto caps = advice.caps();
  const auto capped = std::count_if(caps.begin(), caps.end(),
                                    [](double cap) { return cap != SpeedAdvice::kNoCap; });
  if (capped == 0) return;
  speed_caps_applied_ += static_cast<std::uint64_t>(capped);
  speed_cap_ = caps.data();
}

void TrafficSystem::spend_speed_caps(const StepContext& context) {
  SpeedAdvice& advice = context.write(speed_advice_);
  if (advice.is_open()) advice.spend();
  speed_cap_ = nullptr;
}

void TrafficSystem::publish_vehicles(const StepContext& context) {
  RoadVehicles& view = context.write(road_vehicles_);
  const VehicleSlots& s = lanes_.slots();
  view.generation = lanes_.repack_count();
  view.lane_count = layout_.lane_count();
  view.id = {s.id.data(), s.size()};
  view.track = {s.track.data(), s.size()};
  view.position = {s.position.data(), s.size()};
  view.speed = {s.speed.data(), s.size()};
  view.type = {s.type.data(), s.size()};
}

void TrafficSystem::observe_lanes(const StepContext& context) {
  LaneObservations& seen = context.write(observations_);
  const VehicleSlots& s = lanes_.slots();
  // Positions per lane: each lane's rows start after the lanes before it (serial prefix sum),
  // then every lane fills its own rows in parallel.
  for (std::size_t lane = 0; lane < layout_.lane_count(); ++lane) {
    seen.first_vehicle[lane + 1] =
        seen.first_vehicle[lane] + lanes_.count(static_cast<std::uint32_t>(lane));
  }
  for (auto* column : {&seen.front_to_end, &seen.length, &seen.speed}) {
    column->resize(seen.first_vehicle[layout_.lane_count()]);
  }
  context.executor().parallel_for(layout_.lane_count(), 512, [&](std::size_t b, std::size_t e) {
    for (std::size_t lane = b; lane < e; ++lane) {
      const auto track = static_cast<std::uint32_t>(lane);
      std::uint32_t queued = 0;
      for (std::uint32_t j = lanes_.begin(track); j < lanes_.end(track); ++j) {
        queued += (s.flags[j] & kHalted) != 0;
        const std::uint32_t row = seen.first_vehicle[lane] + (j - lanes_.begin(track));
        seen.front_to_end[row] = layout_.length(track) - s.position[j];
        seen.length[row] = types_[s.type[j]].length;
        seen.speed[row] = s.speed[j];
      }
      seen.vehicles[lane] = lanes_.count(track);
      seen.queued[lane] = queued;
    }
  });
  seen.time = context.clock().now() + context.clock().step_seconds();
}

}  // namespace citytwin
