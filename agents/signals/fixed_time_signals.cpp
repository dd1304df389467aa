#include "agents/signals/fixed_time_signals.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "sim/core/state_hasher.hpp"
#include "sim/output/timeseries.hpp"
#include "sim/step/step_context.hpp"
#include "sim/view/inspection.hpp"

namespace citytwin {

FixedTimeSignals::FixedTimeSignals(std::shared_ptr<const Network> network,
                                   const FixedTimePlanSpec& plan, bool use_network_programs)
    : network_(std::move(network)), plan_(plan) {
  const auto nodes = network_->nodes();
  node_stage_count_.assign(nodes.size(), 0);
  node_cycle_.assign(nodes.size(), 0.0);
  node_offset_.assign(nodes.size(), 0.0);
  node_program_.assign(nodes.size(), kNoId);
  group_in_node_.assign(network_->signal_groups().size(), 0);
  for (const Node& node : nodes) {
    for (std::uint32_t k = 0; k < node.signal_groups.size(); ++k) {
      group_in_node_[node.signal_groups[k]] = k;
    }
  }

  for (const auto& group : network_->signal_groups()) {
    auto& count = node_stage_count_[group.node];
    count = std::max<std::uint8_t>(count, static_cast<std::uint8_t>(group.stage + 1));
  }
  assign_controllers(use_network_programs);
}

bool FixedTimeSignals::network_has_programs() const {
  for (const Node& node : network_->nodes()) {
    if (node.control == NodeControl::kSignal && node.program != kNoId) return true;
  }
  return false;
}

void FixedTimeSignals::assign_controllers(bool use_network_programs) {
  const auto nodes = network_->nodes();
  use_network_programs_ = use_network_programs;
  signal_nodes_.clear();
  plan_nodes_.clear();
  std::fill(node_program_.begin(), node_program_.end(), kNoId);
  std::fill(node_cycle_.begin(), node_cycle_.end(), 0.0);
  std::fill(node_offset_.begin(), node_offset_.end(), 0.0);
  for (NodeId n = 0; n < nodes.size(); ++n) {
    if (nodes[n].control != NodeControl::kSignal) continue;
    if (use_network_programs && nodes[n].program != kNoId) {
      const SignalProgram& program = network_->signal_program(nodes[n].program);
      signal_nodes_.push_back(n);
      node_program_[n] = nodes[n].program;
      node_cycle_[n] = program.cycle;
      node_offset_[n] = std::fmod(program.offset, program.cycle);
      continue;
    }
    if (node_stage_count_[n] == 0) continue;
    signal_nodes_.push_back(n);
    plan_nodes_.push_back(n);
  }
  apply_plan();
}

void FixedTimeSignals::set_use_network_programs(bool use) {
  if (use && !network_has_programs()) {
    throw std::invalid_argument("the network brought no signal programs of its own");
  }
  assign_controllers(use);
}

void FixedTimeSignals::declare_knobs(KnobList& knobs) const {
  if (network_has_programs()) {
    knobs.choice<FixedTimeSignals>(
        "signal control", {"stage plan", "network programs"}, use_network_programs_ ? 1 : 0,
        [](FixedTimeSignals& s, std::size_t choice) { s.set_use_network_programs(choice == 1); });
  }
  // The same knobs whichever controller runs now (a UI builds its sliders once): the stage plan's
  // knobs are offered whenever some node could run it.
  const auto staged = std::find_if(node_stage_count_.begin(), node_stage_count_.end(),
                                   [](std::uint8_t stages) { return stages > 0; });
  if (staged == node_stage_count_.end()) return;
  // A cycle of 0 in the plan means "derived from green": show what such a node would run.
  const double cycle =
      plan_.cycle > 0.0 ? plan_.cycle : *staged * (plan_.green + plan_.amber + plan_.all_red);
  knobs.slider<FixedTimeSignals>("stage-plan cycle", "%.0f s", 30.0, 180.0, cycle,
                                 [](FixedTimeSignals& s, double v) {
                                   FixedTimePlanSpec plan = s.plan();
                                   plan.cycle = std::round(v);  // green is fitted to it
                                   s.set_plan(plan);
                                 });
  knobs.slider<FixedTimeSignals>("stage-plan offset", "%.1f s", 0.0, 60.0, plan_.offset,
                                 [](FixedTimeSignals& s, double v) {
                                   FixedTimePlanSpec plan = s.plan();
                                   plan.offset = std::round(v * 10.0) / 10.0;
                                   s.set_plan(plan);
                                 });
}

void FixedTimeSignals::apply_plan() {
  const double clearance = plan_.amber + plan_.all_red;
  std::size_t signal_index = 0;
  for (const NodeId n : plan_nodes_) {
    const double stages = node_stage_count_[n];
    // A given cycle wins: green is fitted so that the stages exactly fill it.
    node_cycle_[n] = plan_.cycle > 0.0 ? plan_.cycle : stages * (plan_.green + clearance);
    node_offset_[n] = std::fmod(plan_.offset * static_cast<double>(signal_index++), node_cycle_[n]);
  }
}

void FixedTimeSignals::set_plan(const FixedTimePlanSpec& plan) {
  for (const double v : {plan.cycle, plan.green, plan.amber, plan.all_red, plan.offset}) {
    if (!std::isfinite(v) || v < 0.0) {
      throw std::invalid_argument("signal plan values must be finite and not negative");
    }
  }
  const double clearance = plan.amber + plan.all_red;
  // Checked for every node that could run the stage plan, not only those running it now: the
  // controller knob may switch them to it later.
  for (NodeId n = 0; n < node_stage_count_.size(); ++n) {
    if (node_stage_count_[n] == 0) continue;
    const double stages = node_stage_count_[n];
    const double green = plan.cycle > 0.0 ? plan.cycle / stages - clearance : plan.green;
    if (!(green > 0.0)) {
      throw std::invalid_argument(
          "a " + std::to_string(plan.cycle) + " s cycle leaves no green for " +
          std::to_string(node_stage_count_[n]) + " stages with amber + all-red of " +
          std::to_string(clearance) + " s");
    }
  }
  plan_ = plan;
  apply_plan();
}

void FixedTimeSignals::connect(Resources& resources) {
  indications_ = resources.obtain<SignalIndications>(SignalIndications::kName,
                                                     network_->signal_groups().size());
  auto& groups = resources.get(indications_).state;
  std::fill(groups.begin(), groups.end(), SignalState::kRed);
  resources_ = &resources;
}

void FixedTimeSignals::declare(SystemDeclaration& declaration) const {
  declaration.in(Phase::kDecide, {}, {indications_})
      .kpi("signal_green_share", {"signal green share", "%", 100.0, 0});
}

SignalState FixedTimeSignals::state_at(SignalGroupId group_id, double time) const {
  const SignalGroup& group = network_->signal_group(group_id);
  const double cycle = node_cycle_[group.node];
  if (cycle <= 0.0) return SignalState::kOff;
  if (node_program_[group.node] != kNoId) return program_state_at(group_id, time);
  const double stage_length = cycle / node_stage_count_[group.node];
  const double green = stage_length - plan_.amber - plan_.all_red;
  double in_cycle = std::fmod(time + node_offset_[group.node], cycle);
  if (in_cycle < 0.0) in_cycle += cycle;
  const auto stage = static_cast<std::uint8_t>(
      std::min<double>(std::floor(in_cycle / stage_length), node_stage_count_[group.node] - 1));
  if (stage != group.stage) return SignalState::kRed;
  const double in_stage = in_cycle - stage * stage_length;
  if (in_stage < green) return SignalState::kGreen;
  if (in_stage < green + plan_.amber) return SignalState::kAmber;
  return SignalState::kRed;
}

SignalState FixedTimeSignals::program_state_at(SignalGroupId group_id, double time) const {
  const NodeId node = network_->signal_group(group_id).node;
  const SignalProgram& program = network_->signal_program(node_program_[node]);
  double in_cycle = std::fmod(time + node_offset_[node], program.cycle);
  if (in_cycle < 0.0) in_cycle += program.cycle;
  const auto phases = network_->program_phases(node_program_[node]);
  std::uint32_t k = 0;
  // Rounding can leave in_cycle a hair past the last phase's end: the last phase covers it.
  for (double end = phases[0].duration; k + 1 < phases.size() && in_cycle >= end;) {
    end += phases[++k].duration;
  }
  return network_->phase_states(program, k)[group_in_node_[group_id]];
}

void FixedTimeSignals::run(Phase phase, StepContext& context) {
  if (phase != Phase::kDecide) return;
  const double now = context.clock().now();
  auto& state = context.write(indications_).state;
  context.executor().parallel_for(state.size(), 256, [&](std::size_t begin, std::size_t end) {
    for (std::size_t g = begin; g < end; ++g) {
      state[g] = state_at(static_cast<SignalGroupId>(g), now);
    }
  });
}

void FixedTimeSignals::describe(const InspectTarget& target, Inspection& inspection) const {
  if (target.kind != InspectTarget::Kind::kNode || target.id >= network_->nodes().size()) return;
  const NodeId n = target.id;
  if (node_cycle_[n] <= 0.0) return;
  char text[160];
  const bool program = node_program_[n] != kNoId;
  std::snprintf(text, sizeof text, "fixed time, %s",
                program ? ("program " + network_->signal_program(node_program_[n]).name).c_str()
                        : "citytwin stage plan");
  inspection.add("signal plan", "controller", text);
  std::snprintf(text, sizeof text, "%.0f s, offset %.1f s", node_cycle_[n], node_offset_[n]);
  inspection.add("signal plan", "cycle", text);
  if (!program) {
    const double stage = node_cycle_[n] / node_stage_count_[n];
    std::snprintf(text, sizeof text, "%u x (%.1f s green + %.0f s amber + %.0f s all-red)",
                  static_cast<unsigned>(node_stage_count_[n]), stage - plan_.amber - plan_.all_red,
                  plan_.amber, plan_.all_red);
    inspection.add("signal plan", "stages", text);
  }
  for (const SignalGroupId g : network_->node(n).signal_groups) {
    const SignalGroup& group = network_->signal_group(g);
    std::snprintf(text, sizeof text, "%s (stage %u)",
                  std::string(signal_state_name(state(g))).c_str(),
                  static_cast<unsigned>(group.stage));
    inspection.add("signal groups", group.name, text);
  }
}

void FixedTimeSignals::hash_state(StateHasher& hasher) const {
  hasher.add(std::span<const SignalState>(indications().state));
  // The plan in force decides every later indication: a what-if change is state too.
  hasher.add(std::span<const double>(node_cycle_));
  hasher.add(std::span<const double>(node_offset_));
  hasher.add(std::span<const SignalProgramId>(node_program_));
}

void FixedTimeSignals::report_kpis(KpiRow& row) const {
  const auto& state = indications().state;
  if (state.empty()) return;
  const auto green = std::count(state.begin(), state.end(), SignalState::kGreen);
  row.set("signal_green_share", static_cast<double>(green) / state.size());
}

void FixedTimeSignals::fill_view(WorldView& view) const {
  const auto& state = indications().state;
  std::copy(state.begin(), state.end(), view.signal_state.begin());
}

}  // namespace citytwin
