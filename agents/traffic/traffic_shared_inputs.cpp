// The seams through which other systems steer road traffic, and the view of the vehicles traffic
// offers them in return (agents/contracts): signal indications, speed caps (GLOSA, speed
// harmonisation), movements blocked by something on a crosswalk, and RoadVehicles.
#include <cmath>
#include <limits>

#include "agents/traffic/traffic_system.hpp"
#include "sim/step/step_context.hpp"

namespace citytwin {

void TrafficSystem::take_shared_inputs(const StepContext& context) {
  signal_state_ = context.read(indications_).state.data();
  const JunctionBlockers& blockers = context.read(blockers_);
  blocked_ = blockers.any() ? &blockers : nullptr;

  speed_cap_ = nullptr;
  const auto advice = context.read(speed_advice_).messages();
  if (advice.empty()) return;
  // Caps address rows of the RoadVehicles published after the last repack: the slots the drive
  // pass is about to move.
  const std::uint64_t generation = lanes_.repack_count();
  constexpr double kNoCap = std::numeric_limits<double>::infinity();
  if (slot_cap_.size() < lanes_.size()) slot_cap_.resize(lanes_.size(), kNoCap);
  for (const auto& message : advice) {
    const SpeedCap& cap = message.payload;
    if (cap.generation != generation || cap.row >= lanes_.size() || std::isnan(cap.cap)) {
      ++speed_caps_stale_;
      continue;
    }
    double& slot = slot_cap_[cap.row];
    if (slot == kNoCap) capped_slots_.push_back(cap.row);
    slot = std::min(slot, std::max(0.0, cap.cap));
    ++speed_caps_applied_;
  }
  if (!capped_slots_.empty()) speed_cap_ = slot_cap_.data();
}

void TrafficSystem::clear_speed_caps() {
  // Only the capped slots were touched: clearing costs the advice, not the fleet.
  for (const std::uint32_t slot : capped_slots_) {
    slot_cap_[slot] = std::numeric_limits<double>::infinity();
  }
  capped_slots_.clear();
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
  const auto& flags = lanes_.slots().flags;
  context.executor().parallel_for(layout_.lane_count(), 512, [&](std::size_t b, std::size_t e) {
    for (std::size_t lane = b; lane < e; ++lane) {
      const auto track = static_cast<std::uint32_t>(lane);
      std::uint32_t queued = 0;
      for (std::uint32_t j = lanes_.begin(track); j < lanes_.end(track); ++j) {
        queued += (flags[j] & kHalted) != 0;
      }
      seen.vehicles[lane] = lanes_.count(track);
      seen.queued[lane] = queued;
    }
  });
  seen.time = context.clock().now() + context.clock().step_seconds();
}

}  // namespace citytwin
