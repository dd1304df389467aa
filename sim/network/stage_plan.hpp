#pragma once
#include <cstdint>
#include <vector>

namespace citytwin {

class Network;
struct SignalGroup;
using NodeId = std::uint32_t;

// The stages of citytwin's default stage plan (`signals.control: fixed_time`) for a junction that
// came with a program of its own (SUMO tlLogic, CityFlow lightphases); `green[p][k]`: group k
// shows green in phase p.
//  - A group green in every phase that shows any green is never stopped by the program (CityFlow's
//    right turns, green even in its all-red-but-right-turn clearance phase): every_stage, with
//    stage 0.
//  - The phases open stages in order, and a phase opens one only when it lets some other group go
//    that no earlier stage did: no stage of the plan is empty, so none is a stretch of all-red.
//  - Every other group gets the stage of the first phase that shows it green; a group the program
//    never shows green gets stage 0.
// Groups first green in the same phase share a stage, as before this rule: the junctions'
// conflict rules, which compare stages, see the same pairs.
struct ProgramStages {
  std::vector<std::uint8_t> stage;
  std::vector<bool> every_stage;
};
ProgramStages stages_from_program(const std::vector<std::vector<bool>>& green);

// How many stages a node's default plan cycles through (groups green in every stage do not count;
// 0 when the node has no group of its own stage).
std::uint8_t stage_count(const Network& network, NodeId node);

// Whether `group` shows green while the plan runs stage `running`.
bool green_in_stage(const SignalGroup& group, std::uint8_t running);

}  // namespace citytwin
