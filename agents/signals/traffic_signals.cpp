#include "agents/signals/traffic_signals.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "agents/signals/actuated_controller.hpp"
#include "sim/core/state_hasher.hpp"
#include "sim/network/stage_plan.hpp"
#include "sim/output/timeseries.hpp"
#include "sim/step/step_context.hpp"
#include "sim/view/inspection.hpp"

namespace citytwin {

TrafficSignals::TrafficSignals(std::shared_ptr<const Network> network,
                               const FixedTimePlanSpec& plan, bool use_network_programs,
                               std::optional<ActuatedPlanSpec> actuated_stage_plan)
    : network_(std::move(network)), plan_(plan), actuated_(actuated_stage_plan) {
  const auto nodes = network_->nodes();
  node_stage_count_.assign(nodes.size(), 0);
  group_in_node_.assign(network_->signal_groups().size(), 0);
  for (const Node& node : nodes) {
    for (std::uint32_t k = 0; k < node.signal_groups.size(); ++k) {
      group_in_node_[node.signal_groups[k]] = k;
    }
  }
  for (NodeId n = 0; n < nodes.size(); ++n) {
    // A junction whose every movement is green in every stage still runs a one-stage plan.
    if (!nodes[n].signal_groups.empty()) {
      node_stage_count_[n] = std::max<std::uint8_t>(1, stage_count(*network_, n));
    }
  }
  assign_controllers(use_network_programs);
}

bool TrafficSignals::network_has_programs() const {
  for (const Node& node : network_->nodes()) {
    if (node.control == NodeControl::kSignal && node.program != kNoId) return true;
  }
  return false;
}

void TrafficSignals::assign_controllers(bool use_network_programs) {
  const auto nodes = network_->nodes();
  use_network_programs_ = use_network_programs;
  controlled_nodes_.clear();
  controllers_.clear();
  controller_of_node_.assign(nodes.size(), kNoId);
  const double clearance = plan_.amber + plan_.all_red;
  std::size_t plan_index = 0;  // green-wave position among the nodes on the stage plan
  for (NodeId n = 0; n < nodes.size(); ++n) {
    if (nodes[n].control != NodeControl::kSignal) continue;
    std::unique_ptr<SignalController> controller;
    if (use_network_programs && nodes[n].program != kNoId &&
        network_->signal_program(nodes[n].program).actuated) {
      controller = std::make_unique<ActuatedController>(
          *network_, n, ActuatedController::program_plan(*network_, nodes[n].program));
    } else if (use_network_programs && nodes[n].program != kNoId) {
      controller = std::make_unique<FixedTimeController>(*network_, n, nodes[n].program);
    } else if (node_stage_count_[n] > 0 && actuated_) {
      const PhaseTimings timings{actuated_->min_green, actuated_->max_green, plan_.amber,
                                 plan_.all_red};
      SignalActuation actuation;
      actuation.max_gap = actuated_->max_gap;
      actuation.detector_gap = actuated_->detector_gap;
      controller = std::make_unique<ActuatedController>(
          *network_, n,
          ActuatedController::stage_plan(*network_, n, node_stage_count_[n], timings, actuation));
    } else if (node_stage_count_[n] > 0) {
      const double stages = node_stage_count_[n];
      // A given cycle wins: green is fitted so that the stages exactly fill it.
      FixedTimeController::StagePlan stage_plan;
      stage_plan.cycle = plan_.cycle > 0.0 ? plan_.cycle : stages * (plan_.green + clearance);
      stage_plan.offset = plan_.offset * static_cast<double>(plan_index++);
      stage_plan.amber = plan_.amber;
      stage_plan.all_red = plan_.all_red;
      controller =
          std::make_unique<FixedTimeController>(*network_, n, node_stage_count_[n], stage_plan);
    } else {
      continue;
    }
    controller_of_node_[n] = static_cast<std::uint32_t>(controllers_.size());
    controlled_nodes_.push_back(n);
    controllers_.push_back(std::move(controller));
  }
  reads_observations_ = std::any_of(controllers_.begin(), controllers_.end(),
                                    [](const auto& c) { return c->needs_observations(); });
}

void TrafficSignals::set_use_network_programs(bool use) {
  if (use && !network_has_programs()) {
    throw std::invalid_argument("the network brought no signal programs of its own");
  }
  assign_controllers(use);
}

void TrafficSignals::set_plan(const FixedTimePlanSpec& plan) {
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
  assign_controllers(use_network_programs_);
}

void TrafficSignals::declare_knobs(KnobList& knobs) const {
  if (network_has_programs()) {
    knobs.choice<TrafficSignals>(
        "signal control", {"stage plan", "network programs"}, use_network_programs_ ? 1 : 0,
        [](TrafficSignals& s, std::size_t choice) { s.set_use_network_programs(choice == 1); });
  }
  // The same knobs whichever controller runs now (a UI builds its sliders once): the stage plan's
  // knobs are offered whenever some node could run it.
  const auto staged = std::find_if(node_stage_count_.begin(), node_stage_count_.end(),
                                   [](std::uint8_t stages) { return stages > 0; });
  if (staged == node_stage_count_.end()) return;
  // A cycle of 0 in the plan means "derived from green": show what such a node would run.
  const double cycle =
      plan_.cycle > 0.0 ? plan_.cycle : *staged * (plan_.green + plan_.amber + plan_.all_red);
  knobs.slider<TrafficSignals>("stage-plan cycle", "%.0f s", 30.0, 180.0, cycle,
                               [](TrafficSignals& s, double v) {
                                 FixedTimePlanSpec plan = s.plan();
                                 plan.cycle = std::round(v);  // green is fitted to it
                                 s.set_plan(plan);
                               });
  knobs.slider<TrafficSignals>("stage-plan offset", "%.1f s", 0.0, 60.0, plan_.offset,
                               [](TrafficSignals& s, double v) {
                                 FixedTimePlanSpec plan = s.plan();
                                 plan.offset = std::round(v * 10.0) / 10.0;
                                 s.set_plan(plan);
                               });
}

void TrafficSignals::connect(Resources& resources) {
  indications_ = resources.obtain<SignalIndications>(SignalIndications::kName,
                                                     network_->signal_groups().size());
  auto& groups = resources.get(indications_).state;
  std::fill(groups.begin(), groups.end(), SignalState::kRed);
  if (reads_observations_) {
    observations_ =
        resources.obtain<LaneObservations>(LaneObservations::kName, network_->lanes().size());
  }
  resources_ = &resources;
}

void TrafficSignals::declare(SystemDeclaration& declaration) const {
  std::vector<ResourceId> reads;
  if (reads_observations_) reads.push_back(observations_);
  declaration.in(Phase::kDecide, reads, {indications_})
      .kpi("signal_green_share", {"signal green share", "%", 100.0, 0});
}

const SignalController* TrafficSignals::controller(NodeId node) const {
  const std::uint32_t c = controller_of_node_[node];
  return c == kNoId ? nullptr : controllers_[c].get();
}

const FixedTimeController* TrafficSignals::fixed_time(NodeId node) const {
  return dynamic_cast<const FixedTimeController*>(controller(node));
}

double TrafficSignals::cycle(NodeId node) const {
  const FixedTimeController* c = fixed_time(node);
  return c != nullptr ? c->cycle() : 0.0;
}

double TrafficSignals::offset(NodeId node) const {
  const FixedTimeController* c = fixed_time(node);
  return c != nullptr ? c->offset() : 0.0;
}

bool TrafficSignals::runs_network_program(NodeId node) const {
  if (dynamic_cast<const ActuatedController*>(controller(node)) != nullptr) return true;
  const FixedTimeController* c = fixed_time(node);
  return c != nullptr && c->runs_program();
}

SignalState TrafficSignals::state_at(SignalGroupId group, double time) const {
  const FixedTimeController* c = fixed_time(network_->signal_group(group).node);
  return c != nullptr ? c->state_at(group_in_node_[group], time) : SignalState::kOff;
}

void TrafficSignals::run(Phase phase, StepContext& context) {
  if (phase != Phase::kDecide) return;
  ControllerInputs inputs;
  inputs.now = context.clock().now();
  inputs.step_seconds = context.clock().step_seconds();
  if (reads_observations_) inputs.lanes = &context.read(observations_);
  auto& state = context.write(indications_).state;
  context.executor().parallel_for(controllers_.size(), 16, [&](std::size_t b, std::size_t e) {
    // A node's groups are scattered over the group ids: decided into a buffer, then copied to
    // each group's own entry (no two nodes share a group).
    thread_local std::vector<SignalState> decided;
    for (std::size_t c = b; c < e; ++c) {
      const auto& groups = network_->node(controlled_nodes_[c]).signal_groups;
      decided.resize(groups.size());
      controllers_[c]->decide(inputs, decided);
      for (std::size_t k = 0; k < groups.size(); ++k) state[groups[k]] = decided[k];
    }
  });
}

void TrafficSignals::describe(const InspectTarget& target, Inspection& inspection) const {
  if (target.kind != InspectTarget::Kind::kNode || target.id >= network_->nodes().size()) return;
  const SignalController* c = controller(target.id);
  if (c == nullptr) return;
  c->describe(inspection);
  char text[160];
  for (const SignalGroupId g : network_->node(target.id).signal_groups) {
    const SignalGroup& group = network_->signal_group(g);
    std::snprintf(text, sizeof text, "%s (stage %u)",
                  std::string(signal_state_name(state(g))).c_str(),
                  static_cast<unsigned>(group.stage));
    inspection.add("signal groups", group.name, text);
  }
}

void TrafficSignals::hash_state(StateHasher& hasher) const {
  hasher.add(std::span<const SignalState>(indications().state));
  hasher.add(std::span<const NodeId>(controlled_nodes_));
  for (const auto& c : controllers_) c->hash_state(hasher);
}

void TrafficSignals::report_kpis(KpiRow& row) const {
  const auto& state = indications().state;
  if (state.empty()) return;
  const auto green = std::count(state.begin(), state.end(), SignalState::kGreen);
  row.set("signal_green_share", static_cast<double>(green) / state.size());
}

void TrafficSignals::fill_view(WorldView& view) const {
  const auto& state = indications().state;
  std::copy(state.begin(), state.end(), view.signal_state.begin());
}

}  // namespace citytwin
