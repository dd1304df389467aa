#pragma once
// Capacity parity on import (issue 18): IDM's time headway T chosen so that a standing queue of
// imported vehicles discharges at the rate the source engine gives them.
//
// Why not T = the source's headway parameter: CityFlow's headwayTime and SUMO's tau enter rules
// whose equilibrium spacing is about length (+ minGap) + v·headway, while IDM's equilibrium gap is
// (s0 + vT)/√(1 − (v/v0)⁴), larger by s0 and by the square-root factor; on top, IDM vehicles cross
// the line still accelerating. With the literal mapping citytwin discharged the CityFlow datasets'
// queues at 3.2 s/veh where CityFlow gives 2.44 s/veh, and (IDM model, T = tau) SUMO's `pkw` queues
// at 2.2 s/veh where SUMO gives 1.97 s/veh (measurements in BENCHMARKS.md, "headwayTime").
//
// How: the source's saturation headway (mean of vehicles 5..20 over the stop line, from a standing
// queue) comes from its car-following rule and our measurements (functions below); then T is found
// by bisection on a small deterministic single-lane IDM discharge with the imported a, b, s0,
// length and v0 at citytwin's default 1 s step (the engine's ballistic update), the same
// measurement the sources were measured with.

namespace citytwin {

// IDM's b for imported vehicles: at most Treiber & Kesting's 1.5 m/s² (citytwin's car). The
// sources' decel (SUMO decel, CityFlow usualNegAcc; 4.5 m/s² in the shipped files) is the
// deceleration their collision-avoidance rules assume, not IDM's comfortable braking; the physical
// limit maps to max_decel (SUMO emergencyDecel, CityFlow maxNegAcc). Measured on the engine
// (tests/agents/capacity_parity_test.cpp): with b = 4.5 the junction-entry check, which credits a
// moving leader beyond the junction with its braking distance v²/2b, holds followers at the line
// and the CityFlow approach discharged at 3.3 s/veh whatever T; with b = 1.5 it discharges evenly.
inline constexpr double kImportedComfortableDecel = 1.5;

// The imported vehicle as IDM sees it (SI units).
struct IdmDischargeVehicle {
  double length = 5.0;          // m
  double min_gap = 2.5;         // m, IDM s0
  double acceleration = 2.0;    // m/s², IDM a
  double deceleration = 4.5;    // m/s², IDM b
  double desired_speed = 11.1;  // m/s, IDM v0 (as capped by the lane in the engine)
};

// Mean headway (s/veh) of vehicles 5..20 crossing the stop line when a queue standing at jam
// spacing (s0 + length, first car 0.5 m behind the line) is released, IDM with time headway T,
// ballistic update with step dt.
double idm_discharge_headway(const IdmDischargeVehicle& vehicle, double time_headway,
                             double dt = 1.0);

// The IDM time headway T (s) in [0.1, 4] whose discharge headway is `target` (s/veh); the bound
// nearest to it when it is out of reach.
double idm_time_headway_for_discharge(const IdmDischargeVehicle& vehicle, double target);

// CityFlow's saturation headway, s/veh. Its headway rule (Vehicle::getCarFollowSpeed: speed ≤
// (gap + (v_L + Δv/2)·dt − v·dt/2)/(headwayTime + dt/2)) has the equilibrium gap v·headwayTime,
// so vehicles cross at length/v + headwayTime apart (2.45 s for the datasets' 5 m, 11.111 m/s,
// 2 s; measured 2.44). Below that, its 1 s start-up (each car starts a step after the gap opens)
// limits discharge: measured 2.125 s/veh with headwayTime 1 and 1.5 (usualPosAcc 2 m/s²).
double cityflow_discharge_headway(double length, double max_speed, double headway_time);

// SUMO's (Krauss, 1 s step) saturation headway, s/veh. Krauss' safe speed has the equilibrium gap
// v·tau behind minGap, so headway (length + minGap)/v + tau; measured queues (SUMO 1.15) cross at
// no more than ≈ 11.1 m/s even on 13.9 and 16.7 m/s lanes, and dawdling (sigma) lengthens the
// headway by ≈ 35 %·sigma (pkw 5 m/2.5 m/11.111 m/s/tau 1: 1.69 s at sigma 0, 1.96 s at 0.5;
// default passenger on a 13.89 m/s lane: 1.69 s and 1.93 s).
double krauss_discharge_headway(double length, double min_gap, double tau, double max_speed,
                                double sigma);

}  // namespace citytwin
