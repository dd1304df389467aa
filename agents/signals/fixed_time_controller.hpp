#pragma once
#include <cstdint>
#include <vector>

#include "agents/signals/signal_controller.hpp"
#include "sim/network/network.hpp"

namespace citytwin {

// Fixed-time control of one junction: either the program that came with the network (SUMO
// tlLogic, CityFlow lightphases), or citytwin's stage plan, which runs the junction's stages
// (SignalGroup::stage) in turn, each `cycle / stages` long: green, then amber, then all-red.
// The indication is a pure function of time, so the plan never drifts and a what-if change of
// plan shows at once, as if the new plan had always run.
class FixedTimeController final : public SignalController {
 public:
  struct StagePlan {
    double cycle = 90.0;   // s
    double offset = 0.0;   // s: time t shows the plan at t + offset
    double amber = 3.0;    // s
    double all_red = 0.0;  // s
  };

  // The node's own program.
  FixedTimeController(const Network& network, NodeId node, SignalProgramId program);
  // The stage plan over `stage_count` stages.
  FixedTimeController(const Network& network, NodeId node, std::uint8_t stage_count,
                      const StagePlan& plan);

  std::string_view kind() const override { return "fixed time"; }
  void decide(const ControllerInputs& inputs, std::span<SignalState> groups) override;
  void describe(Inspection& inspection) const override;
  void hash_state(StateHasher& hasher) const override;

  // Indication of the node's `k`-th group (Node::signal_groups order) at any time.
  SignalState state_at(std::uint32_t k, double time) const;
  double cycle() const { return cycle_; }
  double offset() const { return offset_; }
  bool runs_program() const { return program_ != kNoId; }
  std::uint8_t stage_count() const { return stage_count_; }
  // Green of each stage of the stage plan (cycle / stages - amber - all-red).
  double stage_green() const { return cycle_ / stage_count_ - plan_.amber - plan_.all_red; }

 private:
  SignalState program_state_at(std::uint32_t k, double time) const;

  const Network* network_;
  NodeId node_;
  SignalProgramId program_ = kNoId;  // kNoId: the stage plan
  std::uint8_t stage_count_ = 0;
  StagePlan plan_;
  double cycle_ = 0.0;
  double offset_ = 0.0;
  std::vector<std::uint8_t> group_stage_;  // per group of the node
  std::vector<bool> group_every_stage_;
};

}  // namespace citytwin
