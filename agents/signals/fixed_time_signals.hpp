#pragma once
#include <memory>
#include <vector>

#include "agents/contracts/signal_indications.hpp"
#include "sim/network/network.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/step/system.hpp"
#include "sim/view/world_view.hpp"

namespace citytwin {

// Fixed-time signal control: every signalised node cycles through the stages of its default plan
// (SignalGroup::stage), each stage showing green, then amber, then all-red, with a per-node offset
// for coordination; or, with `use_network_programs`, nodes that came with a program of their own
// (imported SUMO tlLogic / CityFlow phases) run that program instead. The indication is a pure
// function of time, so the plan never drifts.
class FixedTimeSignals final : public System {
 public:
  FixedTimeSignals(std::shared_ptr<const Network> network, const FixedTimePlanSpec& plan,
                   bool use_network_programs = false);

  std::string_view name() const override { return "signals"; }
  // Provides the SignalIndications everyone obeys (red until the first decide).
  void connect(Resources& resources) override;
  void declare(SystemDeclaration& declaration) const override;
  void run(Phase phase, StepContext& context) override;
  void hash_state(StateHasher& hasher) const override;
  void report_kpis(KpiRow& row) const override;
  void fill_view(WorldView& view) const override;
  // Knobs: the controller (when the network brought programs), the stage plan's cycle and
  // green-wave offset (when some node runs the stage plan).
  void declare_knobs(KnobList& knobs) const override;
  // Inspector: a picked junction's controller, cycle and its groups' current indications.
  void describe(const InspectTarget& target, Inspection& inspection) const override;

  // Current indication of a signal group (what vehicles obey); after World::start.
  SignalState state(SignalGroupId group) const { return indications().state[group]; }
  // Cycle length and offset of a signalised node (nodes without signals: 0).
  double cycle(NodeId node) const { return node_cycle_[node]; }
  double offset(NodeId node) const { return node_offset_[node]; }
  // Indication of a group at an arbitrary time (used by tests and by GLOSA later).
  SignalState state_at(SignalGroupId group, double time) const;
  // Whether a node runs the program that came with the network.
  bool runs_network_program(NodeId node) const { return node_program_[node] != kNoId; }

  // What-if: replaces the default stage plan (cycle, green, amber, all-red, offset) of every node
  // that runs it; nodes with their own network program keep it. Call between steps (a Command):
  // the next decide shows the new plan's indication for the current time, as if it had always
  // run (the indication is a pure function of time, so a stage may be cut short or lengthened
  // at the switch). Throws std::invalid_argument, changing nothing, when a stage would get no
  // green (cycle / stages <= amber + all_red) or a value is negative or not finite.
  void set_plan(const FixedTimePlanSpec& plan);
  const FixedTimePlanSpec& plan() const { return plan_; }

  // What-if controller choice: the network's own programs where nodes have one, or the stage
  // plan everywhere. Same switching rule as set_plan (the indication is a function of time).
  // Throws std::invalid_argument when asked for programs the network does not have.
  void set_use_network_programs(bool use);
  bool uses_network_programs() const { return use_network_programs_; }
  bool network_has_programs() const;

 private:
  // Which nodes run their network program and which the stage plan; then apply_plan().
  void assign_controllers(bool use_network_programs);
  // Cycle and offset of every default-plan node from plan_ (construction and set_plan).
  void apply_plan();
  SignalState program_state_at(SignalGroupId group, double time) const;
  const SignalIndications& indications() const { return resources_->get(indications_); }

  std::shared_ptr<const Network> network_;
  FixedTimePlanSpec plan_;
  bool use_network_programs_ = false;
  std::vector<NodeId> signal_nodes_;
  std::vector<NodeId> plan_nodes_;  // signal nodes on the default stage plan, in node order
  std::vector<std::uint8_t> node_stage_count_;
  std::vector<double> node_cycle_;
  std::vector<double> node_offset_;
  std::vector<SignalProgramId> node_program_;  // kNoId: the default stage plan
  std::vector<std::uint32_t> group_in_node_;   // index of a group within its node's list
  const Resources* resources_ = nullptr;       // between steps: snapshots, KPIs, hashes
  Resource<SignalIndications> indications_;
};

}  // namespace citytwin
