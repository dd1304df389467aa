#include "agents/signals/actuated_controller.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "sim/core/state_hasher.hpp"
#include "sim/view/inspection.hpp"

namespace citytwin {
namespace {

// SUMO's length of a vehicle with its gap in the detector-distance bound ("Parameters",
// passing-time: "(minDur / passingTime + 0.5) * 7.5").
constexpr double kLengthWithGap = 7.5;  // m
// SUMO re-checks a phase at most once per second ("MAX(1 s, ...)" in its switching rule).
constexpr double kShortestCheck = 1.0;  // s
// Times are sums of steps and whole seconds: compare them with some slack.
constexpr double kTimeSlack = 1e-9;  // s

bool is_green(SignalState s) {
  return s == SignalState::kGreen;
}

}  // namespace

ActuatedController::Plan ActuatedController::program_plan(const Network& network,
                                                          SignalProgramId program) {
  const SignalProgram& prog = network.signal_program(program);
  Plan plan{prog.name, prog.offset, prog.actuation, {}};
  const auto phases = network.program_phases(program);
  for (std::uint32_t p = 0; p < phases.size(); ++p) {
    const auto states = network.phase_states(prog, p);
    plan.phases.push_back({phases[p].duration, phases[p].min_duration, phases[p].max_duration,
                           std::vector<SignalState>(states.begin(), states.end())});
  }
  return plan;
}

ActuatedController::Plan ActuatedController::stage_plan(const Network& network, NodeId node,
                                                        std::uint8_t stage_count,
                                                        const PhaseTimings& timings,
                                                        const SignalActuation& actuation) {
  Plan plan{"citytwin stage plan", 0.0, actuation, {}};
  const auto& groups = network.node(node).signal_groups;
  for (std::uint8_t stage = 0; stage < stage_count; ++stage) {
    Phase green{timings.min_green, timings.min_green, timings.max_green, {}};
    Phase amber{timings.amber, timings.amber, timings.amber, {}};
    Phase red{timings.all_red, timings.all_red, timings.all_red, {}};
    for (const SignalGroupId g : groups) {
      const SignalGroup& group = network.signal_group(g);
      const bool always = group.every_stage;
      const bool mine = group.stage == stage;
      green.states.push_back(always || mine ? SignalState::kGreen : SignalState::kRed);
      amber.states.push_back(always ? SignalState::kGreen
                                    : (mine ? SignalState::kAmber : SignalState::kRed));
      red.states.push_back(always ? SignalState::kGreen : SignalState::kRed);
    }
    plan.phases.push_back(std::move(green));
    if (timings.amber > 0.0) plan.phases.push_back(std::move(amber));
    if (timings.all_red > 0.0) plan.phases.push_back(std::move(red));
  }
  return plan;
}

ActuatedController::ActuatedController(const Network& network, NodeId node, Plan plan)
    : plan_(std::move(plan)) {
  const auto& phases = plan_.phases;
  for (const Phase& phase : phases) {
    cycle_ += phase.duration;
    green_phase_.push_back(std::any_of(phase.states.begin(), phase.states.end(), is_green) &&
                           std::none_of(phase.states.begin(), phase.states.end(),
                                        [](SignalState s) { return s == SignalState::kAmber; }));
  }
  const auto& groups = network.node(node).signal_groups;
  // One loop per incoming lane with a signalised connection here, if an actuated phase gives it
  // green; `loop_groups` keeps the node-local group of each of its lane's connections.
  std::vector<std::vector<std::uint32_t>> loop_groups;
  for (const LinkId link : network.node(node).incoming) {
    const Link& l = network.link(link);
    for (std::uint32_t i = 0; i < l.lane_count; ++i) {
      const LaneId lane = l.first_lane + i;
      std::vector<std::uint32_t> lane_groups;
      for (const Connection& c : network.connections_from(lane)) {
        if (c.node != node || c.signal_group == kNoId) continue;
        const auto k = std::find(groups.begin(), groups.end(), c.signal_group) - groups.begin();
        lane_groups.push_back(static_cast<std::uint32_t>(k));
      }
      if (lane_groups.empty()) continue;
      double min_dur = std::numeric_limits<double>::infinity();
      for (const Phase& phase : phases) {
        if (!(phase.min_duration < phase.max_duration)) continue;
        if (std::any_of(lane_groups.begin(), lane_groups.end(),
                        [&](std::uint32_t k) { return is_green(phase.states[k]); })) {
          min_dur = std::min(min_dur, phase.min_duration);
        }
      }
      if (!std::isfinite(min_dur)) continue;  // no actuated phase serves it: SUMO builds none
      const Lane& ln = network.lane(lane);
      const double distance =
          std::min({plan_.actuation.detector_gap * ln.speed_limit,
                    (min_dur / plan_.actuation.passing_time + 0.5) * kLengthWithGap, ln.length});
      loops_.push_back({lane, distance});
      loop_groups.push_back(std::move(lane_groups));
    }
  }
  // A loop extends an actuated phase only if every connection from its lane is green in it.
  phase_loop_begin_.push_back(0);
  for (const Phase& phase : phases) {
    if (phase.min_duration < phase.max_duration) {
      for (std::uint32_t k = 0; k < loops_.size(); ++k) {
        if (std::all_of(loop_groups[k].begin(), loop_groups[k].end(),
                        [&](std::uint32_t g) { return is_green(phase.states[g]); })) {
          phase_loops_.push_back(k);
        }
      }
    }
    phase_loop_begin_.push_back(static_cast<std::uint32_t>(phase_loops_.size()));
  }
}

std::span<const std::uint32_t> ActuatedController::loops_of_phase(std::uint32_t p) const {
  return std::span<const std::uint32_t>(phase_loops_)
      .subspan(phase_loop_begin_[p], phase_loop_begin_[p + 1] - phase_loop_begin_[p]);
}

bool ActuatedController::extendable(std::uint32_t p) const {
  const Phase& phase = plan_.phases[p];
  return phase.min_duration < phase.max_duration && green_phase_[p];
}

void ActuatedController::start(double now) {
  // Where the program stands at `now` if every phase had run its `duration` since time 0 with
  // the program's offset (as the fixed-time controller places it); from there on the phase is
  // actuated: first checked at its minimum (SUMO 1.15 ends netgenerate's first 5-50 s green at
  // 5 s without traffic, not at its duration of 42 s).
  const auto& phases = plan_.phases;
  double in_cycle = cycle_ > 0.0 ? std::fmod(now + plan_.offset, cycle_) : 0.0;
  if (in_cycle < 0.0) in_cycle += cycle_;
  std::uint32_t p = 0;
  double begin = 0.0;
  while (p + 1 < phases.size() && in_cycle >= begin + phases[p].duration) {
    begin += phases[p].duration;
    ++p;
  }
  phase_ = p;
  phase_start_ = now - (in_cycle - begin);
  next_check_ = std::max(now, phase_start_ + std::max(phases[p].min_duration, kShortestCheck));
  phase_starts_ = 1;
  started_ = true;
}

void ActuatedController::observe(const LaneObservations& lanes, double step_seconds) {
  if (lanes.time < 0.0) return;
  for (Loop& loop : loops_) {
    const auto front = lanes.lane_column(lanes.front_to_end, loop.lane);
    const auto length = lanes.lane_column(lanes.length, loop.lane);
    const auto speed = lanes.lane_column(lanes.speed, loop.lane);
    for (std::size_t v = 0; v < front.size(); ++v) {
      // The vehicle's body swept [front, rear + distance moved] during the step (the distance
      // taken as speed x step: exact at constant speed, a little short when it braked).
      if (front[v] <= loop.distance &&
          loop.distance <= front[v] + length[v] + speed[v] * step_seconds) {
        loop.last_detection = lanes.time;
        break;
      }
    }
  }
}

void ActuatedController::try_switch(double now) {
  const auto& phases = plan_.phases;
  const Phase& phase = phases[phase_];
  const double elapsed = now - phase_start_;
  const double max_gap = plan_.actuation.max_gap;
  const double detector_gap = plan_.actuation.detector_gap;
  if (extendable(phase_) && elapsed < phase.max_duration - kTimeSlack) {
    // The smallest gap (time since a vehicle was last over the loop) below max-gap among the
    // phase's loops: traffic still streams in, so the phase goes on.
    double gap = std::numeric_limits<double>::infinity();
    for (const std::uint32_t k : loops_of_phase(phase_)) {
      const double g = std::max(0.0, now - loops_[k].last_detection);
      if (g < max_gap) gap = std::min(gap, g);
    }
    if (std::isfinite(gap)) {
      // Long enough for the last detected vehicle to reach the stop line (detector-gap seconds
      // from the loop), at least minDur in all; the phase's length kept to whole seconds, and
      // never beyond maxDur.
      double extension = std::max({phase.min_duration - elapsed, detector_gap - gap, 1e-3});
      extension = std::ceil(elapsed + extension - kTimeSlack) - elapsed;
      extension = std::min(extension, phase.max_duration - elapsed);
      next_check_ = now + extension;
      return;
    }
  }
  phase_ = (phase_ + 1) % static_cast<std::uint32_t>(phases.size());
  phase_start_ = now;
  ++phase_starts_;
  // A phase is checked first after its minimum (its duration when it is fixed).
  next_check_ = now + std::max(phases[phase_].min_duration, kShortestCheck);
}

void ActuatedController::decide(const ControllerInputs& inputs, std::span<SignalState> groups) {
  if (!started_) start(inputs.now);
  if (inputs.lanes != nullptr) observe(*inputs.lanes, inputs.step_seconds);
  // More than one switch per step only when steps are longer than a phase.
  for (int guard = 0; inputs.now >= next_check_ - kTimeSlack && guard < 64; ++guard) {
    try_switch(inputs.now);
  }
  const auto& states = plan_.phases[phase_].states;
  std::copy(states.begin(), states.end(), groups.begin());
}

void ActuatedController::describe(Inspection& inspection) const {
  char text[200];
  std::snprintf(text, sizeof text, "actuated, %s", plan_.name.c_str());
  inspection.add("signal plan", "controller", text);
  std::snprintf(text, sizeof text, "max-gap %.1f s, detector-gap %.1f s, %zu loops",
                plan_.actuation.max_gap, plan_.actuation.detector_gap, loops_.size());
  inspection.add("signal plan", "actuation", text);
  if (!started_) return;
  const Phase& phase = plan_.phases[phase_];
  std::snprintf(text, sizeof text, "%u of %zu, since %.0f s (%.0f-%.0f s)", phase_ + 1,
                plan_.phases.size(), phase_start_, phase.min_duration, phase.max_duration);
  inspection.add("signal plan", "phase", text);
}

void ActuatedController::hash_state(StateHasher& hasher) const {
  // The plan is fixed for the controller's life (a what-if change builds a new controller).
  hasher.add(phase_);
  hasher.add(phase_start_);
  hasher.add(next_check_);
  hasher.add(phase_starts_);
  for (const Loop& loop : loops_) hasher.add(loop.last_detection);
}

}  // namespace citytwin
