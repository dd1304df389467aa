// citytwin's default stage plan for junctions that brought a program of their own: which stage
// each movement gets (stages_from_program).
#include "sim/network/stage_plan.hpp"

#include <gtest/gtest.h>

#include "sim/network/network.hpp"

namespace citytwin {
namespace {

using Phases = std::vector<std::vector<bool>>;
using Stages = std::vector<std::uint8_t>;
using Every = std::vector<bool>;

TEST(StagesFromProgram, CityFlowRightTurnsAreGreenInEveryStageAndTheClearancePhaseOpensNone) {
  // Jinan's intersection_1_1: a 5 s phase of right turns only (2, 3, 6, 10), then eight phases
  // each adding two movements to the right turns; phases 5-8 repeat movements of phases 1-4.
  const std::vector<std::vector<int>> available = {
      {2, 3, 6, 10},       {0, 2, 3, 6, 7, 10}, {2, 3, 4, 6, 10, 11},
      {1, 2, 3, 6, 8, 10}, {2, 3, 5, 6, 9, 10}, {0, 1, 2, 3, 6, 10},
      {2, 3, 6, 7, 8, 10}, {2, 3, 4, 5, 6, 10}, {2, 3, 6, 9, 10, 11}};
  Phases green(available.size(), std::vector<bool>(12, false));
  for (std::size_t p = 0; p < available.size(); ++p) {
    for (const int k : available[p]) green[p][static_cast<std::size_t>(k)] = true;
  }
  const ProgramStages stages = stages_from_program(green);
  // Through east-west (0, 7), through north-south (4, 11), lefts east-west (1, 8), lefts
  // north-south (5, 9): four stages, no empty one; the right turns never stop (stage 0, the one
  // their first green falls in, is what the conflict rules compare, as before).
  EXPECT_EQ(stages.stage, (Stages{0, 2, 0, 0, 1, 3, 0, 0, 2, 3, 0, 1}));
  const bool T = true, F = false;
  EXPECT_EQ(stages.every_stage, (Every{F, F, T, T, F, F, T, F, F, F, T, F}));
}

TEST(StagesFromProgram, APhaseThatLetsNobodyNewGoOpensNoStage) {
  // SUMO-like: green, yellow (no green), a phase repeating the first, then a new movement.
  const Phases green = {
      {true, false, false}, {false, false, false}, {true, false, false}, {false, true, false}};
  EXPECT_EQ(stages_from_program(green).stage, (Stages{0, 1, 0}));  // never green: stage 0
  EXPECT_EQ(stages_from_program(green).every_stage, (Every{false, false, false}));
}

TEST(StagesFromProgram, AProgramOfOneGreenPhaseLeavesEveryMovementGreen) {
  const Phases green = {{true, true}, {false, false}};
  EXPECT_EQ(stages_from_program(green).every_stage, (Every{true, true}));
  EXPECT_EQ(stages_from_program(green).stage, (Stages{0, 0}));
  EXPECT_TRUE(stages_from_program({}).stage.empty());
}

TEST(StagesFromProgram, GreenInStageCountsEveryStageGroups) {
  SignalGroup group;
  group.stage = 2;
  EXPECT_TRUE(green_in_stage(group, 2));
  EXPECT_FALSE(green_in_stage(group, 1));
  group.every_stage = true;
  EXPECT_TRUE(green_in_stage(group, 0));
  EXPECT_TRUE(green_in_stage(group, 7));
}

}  // namespace
}  // namespace citytwin
