#include "agents/signals/fixed_time_controller.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "sim/core/state_hasher.hpp"
#include "sim/view/inspection.hpp"

namespace citytwin {

FixedTimeController::FixedTimeController(const Network& network, NodeId node,
                                         SignalProgramId program)
    : network_(&network), node_(node), program_(program) {
  const SignalProgram& p = network.signal_program(program);
  cycle_ = p.cycle;
  offset_ = std::fmod(p.offset, p.cycle);
}

FixedTimeController::FixedTimeController(const Network& network, NodeId node,
                                         std::uint8_t stage_count, const StagePlan& plan)
    : network_(&network), node_(node), stage_count_(stage_count), plan_(plan) {
  cycle_ = plan.cycle;
  offset_ = std::fmod(plan.offset, plan.cycle);
  for (const SignalGroupId g : network.node(node).signal_groups) {
    group_stage_.push_back(network.signal_group(g).stage);
    group_every_stage_.push_back(network.signal_group(g).every_stage);
  }
}

void FixedTimeController::decide(const ControllerInputs& inputs, std::span<SignalState> groups) {
  for (std::uint32_t k = 0; k < groups.size(); ++k) groups[k] = state_at(k, inputs.now);
}

SignalState FixedTimeController::state_at(std::uint32_t k, double time) const {
  if (cycle_ <= 0.0) return SignalState::kOff;
  if (program_ != kNoId) return program_state_at(k, time);
  const double stage_length = cycle_ / stage_count_;
  const double green = stage_length - plan_.amber - plan_.all_red;
  double in_cycle = std::fmod(time + offset_, cycle_);
  if (in_cycle < 0.0) in_cycle += cycle_;
  const auto stage = static_cast<std::uint8_t>(
      std::min<double>(std::floor(in_cycle / stage_length), stage_count_ - 1));
  // A movement the junction never stops stays green through the others' amber and all-red.
  if (group_every_stage_[k]) return SignalState::kGreen;
  if (stage != group_stage_[k]) return SignalState::kRed;
  const double in_stage = in_cycle - stage * stage_length;
  if (in_stage < green) return SignalState::kGreen;
  if (in_stage < green + plan_.amber) return SignalState::kAmber;
  return SignalState::kRed;
}

SignalState FixedTimeController::program_state_at(std::uint32_t k, double time) const {
  const SignalProgram& program = network_->signal_program(program_);
  double in_cycle = std::fmod(time + offset_, program.cycle);
  if (in_cycle < 0.0) in_cycle += program.cycle;
  const auto phases = network_->program_phases(program_);
  std::uint32_t p = 0;
  // Rounding can leave in_cycle a hair past the last phase's end: the last phase covers it.
  for (double end = phases[0].duration; p + 1 < phases.size() && in_cycle >= end;) {
    end += phases[++p].duration;
  }
  return network_->phase_states(program, p)[k];
}

void FixedTimeController::describe(Inspection& inspection) const {
  char text[160];
  std::snprintf(text, sizeof text, "fixed time, %s",
                program_ != kNoId ? ("program " + network_->signal_program(program_).name).c_str()
                                  : "citytwin stage plan");
  inspection.add("signal plan", "controller", text);
  std::snprintf(text, sizeof text, "%.0f s, offset %.1f s", cycle_, offset_);
  inspection.add("signal plan", "cycle", text);
  if (program_ == kNoId) {
    std::snprintf(text, sizeof text, "%u x (%.1f s green + %.0f s amber + %.0f s all-red)",
                  static_cast<unsigned>(stage_count_), stage_green(), plan_.amber, plan_.all_red);
    inspection.add("signal plan", "stages", text);
  }
}

void FixedTimeController::hash_state(StateHasher& hasher) const {
  // The plan in force decides every later indication: a what-if change is state too.
  hasher.add(cycle_);
  hasher.add(offset_);
  hasher.add(program_);
  hasher.add(plan_.amber);
  hasher.add(plan_.all_red);
}

}  // namespace citytwin
