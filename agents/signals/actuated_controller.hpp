#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "agents/signals/signal_controller.hpp"
#include "sim/network/network.hpp"

namespace citytwin {

// Gap-based actuated control of one junction, as SUMO runs a <tlLogic type="actuated">
// (sumo.dlr.de/docs/Simulation/Traffic_Lights.html, "Type 'actuated'"): the program's phases
// run in order; a green phase with min_duration < max_duration lasts at least min_duration and
// is then extended while a loop detector it uses sees vehicles less than `max_gap` seconds
// apart, up to max_duration; other phases last their fixed duration (a non-green phase with a
// range lasts its minimum). The docs' rules kept here:
//  - "Each lane incoming to the traffic light will receive a detector", placed `detector_gap`
//    seconds of travel at the lane's speed limit before the stop line, but no farther than
//    (minDur / passing_time + 0.5) x 7.5 m, "to allow all vehicles between the detector and the
//    stop line to pass the intersection within the minDur time" (minDur: the smallest of the
//    actuated phases that give the lane green). On a shorter lane the loop sits at its start
//    (SUMO would move it onto a unique predecessor lane).
//  - "detectors for actuation are only used if all connections from the detector lane get the
//    unconditional green light" in the phase (citytwin counts SUMO's 'g' as green too: its
//    signal states do not tell them apart).
//  - The start: the program's phase durations and offset place the first phase, which is then
//    actuated like any other (in SUMO 1.15 too: its first green ends at minDur without traffic).
// The loops are read from LaneObservations (vehicle positions at the end of the last step): a
// loop counts a detection when a vehicle covered its point at some moment of that step. The gap
// is then measured in whole steps, and every decision falls on a step; with 1 s steps that is
// SUMO's own resolution (it ends phases on whole seconds).
class ActuatedController final : public SignalController {
 public:
  struct Phase {
    double duration = 0.0;  // s: places the start (with the offset), as in a fixed-time run
    double min_duration = 0.0;
    double max_duration = 0.0;        // == min_duration: a fixed phase
    std::vector<SignalState> states;  // per group of the node, Node::signal_groups order
  };
  struct Plan {
    std::string name;
    double offset = 0.0;  // s: time t shows the cycle at t + offset (SignalProgram's sign)
    SignalActuation actuation;
    std::vector<Phase> phases;
  };
  // The node's own actuated program (SUMO tlLogic type="actuated").
  static Plan program_plan(const Network& network, SignalProgramId program);
  // citytwin's stage plan run actuated: per stage a green of timings.min_green..max_green, then
  // amber, then all-red (fixed); groups green in every stage stay green throughout.
  static Plan stage_plan(const Network& network, NodeId node, std::uint8_t stage_count,
                         const PhaseTimings& timings, const SignalActuation& actuation);

  ActuatedController(const Network& network, NodeId node, Plan plan);

  std::string_view kind() const override { return "actuated"; }
  bool needs_observations() const override { return true; }
  void decide(const ControllerInputs& inputs, std::span<SignalState> groups) override;
  void describe(Inspection& inspection) const override;
  void hash_state(StateHasher& hasher) const override;

  struct Loop {
    LaneId lane = kNoId;
    double distance = 0.0;          // m before the lane's end (stop line)
    double last_detection = -1e18;  // s: end of the last step a vehicle was over it
  };
  std::span<const Loop> loops() const { return loops_; }
  // Loops (indices into loops()) that can extend phase p.
  std::span<const std::uint32_t> loops_of_phase(std::uint32_t p) const;
  std::uint32_t phase() const { return phase_; }
  double phase_started() const { return phase_start_; }
  // Phases started so far, the first included (tests, inspector).
  std::uint64_t phase_starts() const { return phase_starts_; }

 private:
  void start(double now);
  void observe(const LaneObservations& lanes, double step_seconds);
  // Called when the phase's time to be checked has come: extends it or moves to the next.
  void try_switch(double now);
  bool extendable(std::uint32_t p) const;

  Plan plan_;
  double cycle_ = 0.0;  // s: sum of the durations
  std::vector<Loop> loops_;
  std::vector<std::uint32_t> phase_loop_begin_;  // per phase + 1, into phase_loops_
  std::vector<std::uint32_t> phase_loops_;
  std::vector<bool> green_phase_;  // some group green and none amber (SUMO's "green phase")

  bool started_ = false;
  std::uint32_t phase_ = 0;
  double phase_start_ = 0.0;  // s
  double next_check_ = 0.0;   // s: when try_switch runs next
  std::uint64_t phase_starts_ = 0;
};

}  // namespace citytwin
