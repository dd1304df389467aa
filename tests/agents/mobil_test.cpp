// Unit tests of the MOBIL decision (Kesting, Treiber & Helbing 2007) and of the
// mandatory-change rule documented in agents/traffic/mobil.hpp.
#include "agents/traffic/mobil.hpp"

#include <gtest/gtest.h>

namespace citytwin {
namespace {

MobilParams paper_params() {
  return {.politeness = 0.2, .threshold = 0.1, .safe_decel = 4.0, .right_bias = 0.0};
}

// Ego stuck behind a slow leader (−1 m/s²) with a free target lane (+1 m/s²): own gain 2 m/s².
MobilInputs overtaking() {
  return {.ego_accel_current = -1.0,
          .ego_accel_target = 1.0,
          .new_follower_accel_before = 0.5,
          .new_follower_accel_after = 0.0,
          .old_follower_accel_before = 0.0,
          .old_follower_accel_after = 0.2};
}

TEST(MobilTest, IncentiveFollowsPaperFormula) {
  const MobilDecision d = mobil_decide(paper_params(), overtaking());
  // 2 + 0.2·[(0 − 0.5) + (0.2 − 0)] = 1.94.
  EXPECT_DOUBLE_EQ(d.incentive, 1.94);
  EXPECT_TRUE(d.safe);
  EXPECT_TRUE(d.change);
}

TEST(MobilTest, UnsafeGapVetoesEvenLargeIncentive) {
  MobilInputs in = overtaking();
  in.new_follower_accel_after = -4.5;  // new follower would brake harder than b_safe = 4
  const MobilDecision d = mobil_decide(paper_params(), in);
  EXPECT_FALSE(d.safe);
  EXPECT_FALSE(d.change);
  in.new_follower_accel_after = -4.0;  // exactly b_safe is still acceptable (≥)
  EXPECT_TRUE(mobil_decide(paper_params(), in).safe);
}

TEST(MobilTest, PolitenessWeighsTheFollowersLoss) {
  // Ego gains 1 m/s², but forces the new follower from 0 to −3 m/s² (safe, since b_safe = 4).
  const MobilInputs in = {.ego_accel_current = 0.0,
                          .ego_accel_target = 1.0,
                          .new_follower_accel_before = 0.0,
                          .new_follower_accel_after = -3.0,
                          .old_follower_accel_before = 0.0,
                          .old_follower_accel_after = 0.0};
  MobilParams selfish = paper_params();
  selfish.politeness = 0.0;
  MobilParams polite = paper_params();
  polite.politeness = 0.5;
  const MobilDecision by_selfish = mobil_decide(selfish, in);
  const MobilDecision by_polite = mobil_decide(polite, in);
  EXPECT_TRUE(by_selfish.safe);
  EXPECT_TRUE(by_selfish.change);  // 1 > 0.1
  EXPECT_FALSE(by_polite.change);  // 1 − 1.5 < 0.1
  EXPECT_DOUBLE_EQ(by_polite.incentive, -0.5);
}

TEST(MobilTest, AltruisticChangeHelpsTheOldFollower) {
  // p > 0 lets a driver with no own gain make way for a faster follower (paper sec. 2.2).
  const MobilInputs in = {.ego_accel_current = 0.0,
                          .ego_accel_target = 0.0,
                          .new_follower_accel_before = 0.0,
                          .new_follower_accel_after = 0.0,
                          .old_follower_accel_before = -1.0,
                          .old_follower_accel_after = 1.0};
  MobilParams polite = paper_params();
  polite.politeness = 1.0;
  EXPECT_TRUE(mobil_decide(polite, in).change);  // 2 > 0.1
  polite.politeness = 0.0;
  EXPECT_FALSE(mobil_decide(polite, in).change);
}

TEST(MobilTest, ThresholdIsStrict) {
  const MobilParams p = paper_params();
  MobilInputs in = {};
  in.ego_accel_target = 0.1;  // gain exactly Δa_th: no change (prevents ping-pong)
  EXPECT_FALSE(mobil_decide(p, in).change);
  in.ego_accel_target = 0.1001;
  EXPECT_TRUE(mobil_decide(p, in).change);
}

TEST(MobilTest, BiasShiftsTheThreshold) {
  const MobilParams p = paper_params();
  MobilInputs in = {};
  in.ego_accel_target = 0.05;
  EXPECT_FALSE(mobil_decide(p, in).change);
  EXPECT_TRUE(mobil_decide(p, in, 0.3).change);    // keep-right toward the right
  EXPECT_FALSE(mobil_decide(p, in, -0.3).change);  // and against the left
  EXPECT_DOUBLE_EQ(mobil_decide(p, in, 0.3).incentive, 0.35);
}

TEST(MobilTest, MandatoryChangeInactiveFarFromLaneEnd) {
  const MobilParams base = paper_params();
  // At 10 m/s the zone is max(50, 100) = 100 m.
  const MandatoryLaneChange m = mandatory_lane_change(base, 150.0, 10.0, 9.0);
  EXPECT_EQ(m.urgency, 0.0);
  EXPECT_EQ(m.bias, 0.0);
  EXPECT_EQ(m.params.politeness, base.politeness);
  EXPECT_EQ(mandatory_lane_change(base, 100.0, 10.0, 9.0).urgency, 0.0);
}

TEST(MobilTest, MandatoryUrgencyGrowsTowardLaneEnd) {
  const MobilParams base = paper_params();
  const MandatoryLaneChange entry = mandatory_lane_change(base, 99.0, 10.0, 9.0);
  const MandatoryLaneChange half = mandatory_lane_change(base, 50.0, 10.0, 9.0);
  const MandatoryLaneChange end = mandatory_lane_change(base, 0.0, 10.0, 9.0);
  EXPECT_NEAR(entry.urgency, 0.01, 1e-12);
  EXPECT_DOUBLE_EQ(half.urgency, 0.5);
  EXPECT_DOUBLE_EQ(end.urgency, 1.0);
  EXPECT_LT(entry.bias, half.bias);
  EXPECT_LT(half.bias, end.bias);
  EXPECT_DOUBLE_EQ(end.bias, base.threshold + base.safe_decel);
  EXPECT_EQ(half.params.politeness, 0.0);
  EXPECT_EQ(half.params.safe_decel, base.safe_decel);  // still moving: safety unchanged
  // Slow vehicles get the 50 m minimum zone.
  EXPECT_DOUBLE_EQ(mandatory_lane_change(base, 25.0, 2.0, 9.0).urgency, 0.5);
}

TEST(MobilTest, MandatoryChangeAcceptsDisadvantageButNotDanger) {
  const MobilParams base = paper_params();
  // Cutting in costs the ego 2 m/s² and the new follower 3 m/s² (safe), p would veto it.
  MobilInputs in = {.ego_accel_current = 0.0,
                    .ego_accel_target = -2.0,
                    .new_follower_accel_before = 0.0,
                    .new_follower_accel_after = -3.0,
                    .old_follower_accel_before = 0.0,
                    .old_follower_accel_after = 0.0};
  EXPECT_FALSE(mobil_decide(base, in).change);
  const MandatoryLaneChange near_end = mandatory_lane_change(base, 10.0, 8.0, 9.0);
  EXPECT_TRUE(mobil_decide(near_end.params, in, near_end.bias).change);
  // Moving near the end: a follower braking at 6 m/s² is still unsafe.
  in.new_follower_accel_after = -6.0;
  EXPECT_FALSE(mobil_decide(near_end.params, in, near_end.bias).change);
}

TEST(MobilTest, StoppedAtLaneEndMayAskForHardBraking) {
  const MobilParams base = paper_params();
  const MandatoryLaneChange stuck = mandatory_lane_change(base, 5.0, 0.0, 9.0);
  EXPECT_EQ(stuck.params.safe_decel, 9.0);
  const MobilInputs in = {.ego_accel_current = -1.0,
                          .ego_accel_target = 0.5,
                          .new_follower_accel_before = 0.0,
                          .new_follower_accel_after = -6.0,
                          .old_follower_accel_before = 0.0,
                          .old_follower_accel_after = 0.0};
  EXPECT_TRUE(mobil_decide(stuck.params, in, stuck.bias).change);
  // Beyond the physical limit it is still refused.
  MobilInputs impossible = in;
  impossible.new_follower_accel_after = -9.5;
  EXPECT_FALSE(mobil_decide(stuck.params, impossible, stuck.bias).safe);
  // Stopped but still far from the end: ordinary b_safe.
  EXPECT_EQ(mandatory_lane_change(base, 40.0, 0.0, 9.0).params.safe_decel, base.safe_decel);
}

}  // namespace
}  // namespace citytwin
