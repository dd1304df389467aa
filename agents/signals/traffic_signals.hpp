#pragma once
#include <memory>
#include <optional>
#include <vector>

#include "agents/contracts/signal_indications.hpp"
#include "agents/signals/actuated_plan_spec.hpp"
#include "agents/signals/fixed_time_controller.hpp"
#include "agents/signals/fixed_time_plan_spec.hpp"
#include "agents/signals/signal_controller.hpp"
#include "sim/network/network.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/step/system.hpp"
#include "sim/view/world_view.hpp"

namespace citytwin {

// Signal control: one SignalController per signalised junction, deciding in parallel in decide and
// writing the SignalIndications everyone obeys: the program that came with the network (with
// `use_network_programs`, where a node has one; fixed time, or actuated where the program is),
// or citytwin's fixed-time stage plan (every node's stages in turn, with a per-node offset for
// coordination).
class TrafficSignals final : public System {
 public:
  // With `actuated_stage_plan`, nodes on the stage plan run it actuated (amber and all-red from
  // `plan`).
  TrafficSignals(std::shared_ptr<const Network> network, const FixedTimePlanSpec& plan,
                 bool use_network_programs = false,
                 std::optional<ActuatedPlanSpec> actuated_stage_plan = std::nullopt);

  std::string_view name() const override { return "signals"; }
  // Provides the SignalIndications (red until the first decide); reads LaneObservations when a
  // controller needs them.
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
  // The controller of a node (nullptr: not signalised, or no stage to run).
  const SignalController* controller(NodeId node) const;
  // Fixed-time facts of a node (0 where the node has no fixed-time controller, e.g. actuated).
  double cycle(NodeId node) const;
  double offset(NodeId node) const;
  // Indication of a group at an arbitrary time under fixed time (tests; GLOSA later); kOff for a
  // group whose node has no fixed-time controller.
  SignalState state_at(SignalGroupId group, double time) const;
  // Whether a node runs the program that came with the network (fixed time or actuated).
  bool runs_network_program(NodeId node) const;

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
  // One controller per signalised node: its network program or the stage plan.
  void assign_controllers(bool use_network_programs);
  const FixedTimeController* fixed_time(NodeId node) const;
  const SignalIndications& indications() const { return resources_->get(indications_); }

  std::shared_ptr<const Network> network_;
  FixedTimePlanSpec plan_;
  std::optional<ActuatedPlanSpec> actuated_;
  bool use_network_programs_ = false;
  std::vector<std::uint8_t> node_stage_count_;
  std::vector<NodeId> controlled_nodes_;  // signalised nodes with a controller, in node order
  std::vector<std::unique_ptr<SignalController>> controllers_;  // parallel to controlled_nodes_
  std::vector<std::uint32_t> controller_of_node_;  // index into controllers_, kNoId if none
  std::vector<std::uint32_t> group_in_node_;       // index of a group within its node's list
  bool reads_observations_ = false;

  const Resources* resources_ = nullptr;  // between steps: snapshots, KPIs, hashes
  Resource<SignalIndications> indications_;
  Resource<LaneObservations> observations_;
};

}  // namespace citytwin
