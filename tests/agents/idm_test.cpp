// Unit tests of the IDM strategy and the ballistic integrator: each checks one property that
// follows directly from the formula (Treiber & Kesting, "Traffic Flow Dynamics", ch. 11.3).
#include "agents/traffic/idm.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace citytwin {
namespace {

constexpr double kNoLeader = std::numeric_limits<double>::infinity();

IdmParams city_car() {
  return {.desired_speed = 15.0,
          .time_headway = 1.0,
          .max_acceleration = 1.5,
          .comfortable_decel = 1.5,
          .min_gap = 2.0,
          .exponent = 4.0};
}

TEST(IdmTest, FreeRoadAccelerationFromRestIsMaxAcceleration) {
  const IdmParams p = city_car();
  EXPECT_DOUBLE_EQ(idm_acceleration(p, 0.0, p.desired_speed, kNoLeader, 0.0), p.max_acceleration);
}

TEST(IdmTest, FreeRoadAccelerationVanishesAtDesiredSpeed) {
  const IdmParams p = city_car();
  EXPECT_NEAR(idm_acceleration(p, p.desired_speed, p.desired_speed, kNoLeader, 0.0), 0.0, 1e-12);
  // Half the desired speed: a[1 − (1/2)^4] = 15/16 a.
  EXPECT_DOUBLE_EQ(idm_acceleration(p, 7.5, 15.0, kNoLeader, 0.0),
                   p.max_acceleration * 15.0 / 16.0);
}

TEST(IdmTest, GenericExponentMatchesPow) {
  IdmParams p = city_car();
  p.exponent = 3.0;
  const double expected = p.max_acceleration * (1.0 - std::pow(10.0 / 15.0, 3.0));
  EXPECT_NEAR(idm_acceleration(p, 10.0, 15.0, kNoLeader, 0.0), expected, 1e-12);
  EXPECT_DOUBLE_EQ(idm_speed_ratio_power(0.5, 4.0), std::pow(0.5, 4.0));
}

TEST(IdmTest, DesiredGapFollowsFormula) {
  const IdmParams p = city_car();
  // s0 + vT + vΔv/(2√(ab)) with v = 10, Δv = 3: 2 + 10 + 30 / (2·1.5) = 22.
  EXPECT_DOUBLE_EQ(idm_desired_gap(p, 10.0, 3.0), 22.0);
  // A leader pulling away fast cannot shrink s* below s0.
  EXPECT_DOUBLE_EQ(idm_desired_gap(p, 10.0, -20.0), p.min_gap);
}

TEST(IdmTest, BrakesWhenApproachingStoppedLeader) {
  const IdmParams p = city_car();
  const double far = idm_acceleration(p, 13.0, 15.0, 200.0, 0.0);
  const double mid = idm_acceleration(p, 13.0, 15.0, 60.0, 0.0);
  const double near = idm_acceleration(p, 13.0, 15.0, 30.0, 0.0);
  EXPECT_LT(mid, 0.0);
  EXPECT_LT(near, mid);
  EXPECT_LT(mid, far);
  // Closing at 13 m/s on a stopped leader 60 m ahead: s* = 2 + 13·1 + 13·13/(2√(1.5·1.5)) = 71.33
  // m.
  const double s_star = 2.0 + 13.0 + 169.0 / 3.0;
  EXPECT_NEAR(mid, 1.5 * (1.0 - std::pow(13.0 / 15.0, 4.0) - std::pow(s_star / 60.0, 2.0)), 1e-12);
}

TEST(IdmTest, NeverAcceleratesInsideMinimumGap) {
  const IdmParams p = city_car();
  for (double gap : {0.1, 0.5, 1.0, 1.5, 1.99, 2.0}) {
    for (double v : {0.0, 1.0, 5.0, 14.0}) {
      for (double v_leader : {0.0, v, v + 5.0}) {
        EXPECT_LE(idm_acceleration(p, v, 15.0, gap, v_leader), 0.0)
            << "gap " << gap << " v " << v << " v_leader " << v_leader;
      }
    }
  }
}

TEST(IdmTest, QueuedAtJamSpacingStaysAtRest) {
  const IdmParams p = city_car();
  EXPECT_DOUBLE_EQ(idm_acceleration(p, 0.0, 15.0, p.min_gap, 0.0), 0.0);
}

TEST(IdmTest, OverlapAndTinyGapsAreClampedToMaxBraking) {
  const IdmParams p = city_car();
  EXPECT_EQ(idm_acceleration(p, 10.0, 15.0, 0.0, 0.0), -kIdmMaxBraking);
  EXPECT_EQ(idm_acceleration(p, 10.0, 15.0, -3.0, 0.0), -kIdmMaxBraking);
  EXPECT_EQ(idm_acceleration(p, 10.0, 15.0, 0.01, 0.0), -kIdmMaxBraking);
  EXPECT_GE(idm_acceleration(p, 30.0, 15.0, 0.5, 0.0), -kIdmMaxBraking);
}

TEST(IdmTest, NonPositiveDesiredSpeedStopsGently) {
  const IdmParams p = city_car();
  EXPECT_DOUBLE_EQ(idm_acceleration(p, 5.0, 0.0, kNoLeader, 0.0), -p.comfortable_decel);
  EXPECT_DOUBLE_EQ(idm_acceleration(p, 0.0, 0.0, kNoLeader, 0.0), 0.0);
  EXPECT_DOUBLE_EQ(idm_acceleration(p, 0.0, -1.0, kNoLeader, 0.0), 0.0);
  EXPECT_LT(idm_acceleration(p, 5.0, 0.0, 10.0, 0.0), -p.comfortable_decel);
}

TEST(IdmTest, AboveDesiredSpeedSlowsAtMostComfortably) {
  const IdmParams p = city_car();
  // 50 → 30 km/h speed-limit drop: the improved-IDM branch brakes gently, never harder than b.
  const double accel = idm_acceleration(p, 13.89, 8.33, kNoLeader, 0.0);
  EXPECT_LT(accel, 0.0);
  EXPECT_GE(accel, -p.comfortable_decel);
  // Continuous at v = v0 from above.
  EXPECT_NEAR(idm_acceleration(p, 15.0 + 1e-9, 15.0, kNoLeader, 0.0), 0.0, 1e-8);
}

TEST(IdmTest, EquilibriumGapMakesAccelerationZero) {
  const IdmParams p = city_car();
  for (double v : {0.5, 3.0, 8.0, 12.0, 14.5}) {
    const double gap = idm_equilibrium_gap(p, v, 15.0);
    EXPECT_NEAR(idm_acceleration(p, v, 15.0, gap, v), 0.0, 1e-12) << "v " << v;
  }
  EXPECT_DOUBLE_EQ(idm_equilibrium_gap(p, 0.0, 15.0), p.min_gap);
  EXPECT_EQ(idm_equilibrium_gap(p, 15.0, 15.0), std::numeric_limits<double>::infinity());
}

TEST(IdmTest, EquilibriumSpeedInvertsEquilibriumGap) {
  const IdmParams p = city_car();
  for (double v : {0.5, 3.0, 8.0, 12.0, 14.5}) {
    EXPECT_NEAR(idm_equilibrium_speed(p, idm_equilibrium_gap(p, v, 15.0), 15.0), v, 1e-9);
  }
  EXPECT_EQ(idm_equilibrium_speed(p, 1.0, 15.0), 0.0);
  EXPECT_LT(idm_equilibrium_speed(p, 1e6, 15.0), 15.0);
}

TEST(IdmTest, FlowAtDensityIsFundamentalDiagram) {
  const IdmParams p = city_car();
  const double length = 5.0;
  EXPECT_EQ(idm_flow_at_density(p, 0.0, 15.0, length), 0.0);
  EXPECT_EQ(idm_flow_at_density(p, 1.0 / (p.min_gap + length), 15.0, length), 0.0);  // jam
  const double v = 9.0;
  const double spacing = idm_equilibrium_gap(p, v, 15.0) + length;
  EXPECT_NEAR(idm_flow_at_density(p, 1.0 / spacing, 15.0, length),
              idm_equilibrium_flow(p, v, 15.0, length), 1e-9);
  EXPECT_DOUBLE_EQ(idm_equilibrium_flow(p, v, 15.0, length), v / spacing);
}

TEST(IdmTest, BallisticStepIsExactForConstantAcceleration) {
  const Motion m = ballistic_step(10.0, 2.0, 0.5);
  EXPECT_DOUBLE_EQ(m.speed, 11.0);
  EXPECT_DOUBLE_EQ(m.distance, 10.0 * 0.5 + 0.5 * 2.0 * 0.25);
}

TEST(IdmTest, BallisticStepStopsInsteadOfReversing) {
  // 3 m/s braking at 9 m/s² stops after 1/3 s, within a 1 s step: travels v²/(2|a|) = 0.5 m.
  const Motion m = ballistic_step(3.0, -9.0, 1.0);
  EXPECT_EQ(m.speed, 0.0);
  EXPECT_DOUBLE_EQ(m.distance, 0.5);
  const Motion at_rest = ballistic_step(0.0, -4.0, 0.1);
  EXPECT_EQ(at_rest.speed, 0.0);
  EXPECT_EQ(at_rest.distance, 0.0);
}

TEST(IdmTest, BallisticStepNeverGoesBackwards) {
  for (double v : {0.0, 0.01, 0.5, 3.0, 13.9, 30.0}) {
    for (double accel : {-kIdmMaxBraking, -4.0, -1.5, -0.1, 0.0, 1.0}) {
      for (double dt : {0.05, 0.1, 0.5, 1.0}) {
        const Motion m = ballistic_step(v, accel, dt);
        EXPECT_GE(m.speed, 0.0);
        EXPECT_GE(m.distance, 0.0);
        EXPECT_LE(m.distance, v * dt + 0.5 * std::max(accel, 0.0) * dt * dt + 1e-12);
      }
    }
  }
  EXPECT_EQ(ballistic_step(5.0, 1.0, 0.0).distance, 0.0);
}

}  // namespace
}  // namespace citytwin
