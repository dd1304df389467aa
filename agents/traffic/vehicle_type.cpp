#include "agents/traffic/vehicle_type.hpp"

// Per-class defaults. Sources:
//   [TK]  Treiber & Kesting, "Traffic Flow Dynamics", Springer 2013, table 11.2 (IDM, city traffic:
//         v0 = 54 km/h, T = 1.0 s, s0 = 2 m, a = 1.0 m/s², b = 1.5 m/s², δ = 4).
//   [KTH] Kesting, Treiber & Helbing, "General lane-changing model MOBIL for car-following models",
//         TRR 1999 (2007), table 1 (p = 0.2, Δa_th = 0.1 m/s², b_safe = 4 m/s²).
//   [HCM] Highway Capacity Manual (7th ed.), ch. 19: base saturation flow 1,900 pc/h/ln, measured
//         from the 4th queued vehicle on.
// v0 is the driver's wish on an unrestricted urban road; the engine caps it by each lane's limit.

namespace citytwin {
namespace {

// Cars. T and a are the two knobs that set how fast a queue discharges. With the book's city values
// (T = 1.0 s, a = 1.0 m/s²) an IDM queue released at a 50 km/h stop line discharges only
// ≈ 1,580 veh/h (tests/agents/idm_validation_test.cpp): IDM's static capacity at T = 1.0 s is
// ≈ 1,900 veh/h, but with a = 1 m/s² the vehicles are still accelerating when they cross the line
// (the capacity drop). Lowering T alone reaches the HCM band only at T ≈ 0.8 s (1,700 veh/h, its
// very edge), below what urban calibrations report (1.0–1.2 s). Real start-up accelerations of
// passenger cars are ≈ 2 m/s² (e.g. Long, "Acceleration characteristics of starting vehicles", TRR
// 1737, 2000), so we keep the book's T = 1.0 s and raise a to 1.5 m/s²: saturation flow ≈ 1,785
// veh/h/lane, inside the HCM band 1,700–2,100 and close to the 1,900 base. a = 1.5 keeps IDM
// string-unstable at high density (ρ ≳ 80 veh/km), so stop-and-go waves still emerge in dense urban
// traffic; at a = 2 they would not.
VehicleType car_defaults() {
  VehicleType t;
  t.vehicle_class = VehicleClass::kCar;
  t.length = 5.0;                     // [TK] simulations use 5 m
  t.max_decel = 9.0;                  // dry-asphalt emergency braking
  t.idm = {.desired_speed = 15.0,     // [TK] 54 km/h
           .time_headway = 1.0,       // [TK]
           .max_acceleration = 1.5,   // raised from [TK] 1.0, see above
           .comfortable_decel = 1.5,  // [TK]
           .min_gap = 2.0,            // [TK]
           .exponent = 4.0};          // [TK]
  // Kerb-side lane discipline is weak in cities (German StVO §7(3) allows free lane choice inside
  // built-up areas), so no keep-right bias by default.
  t.mobil = {.politeness = 0.2, .threshold = 0.1, .safe_decel = 4.0, .right_bias = 0.0};  // [KTH]
  return t;
}

// Heavy goods vehicles: the IDM literature gives trucks a longer time gap, a lower desired speed
// and a gentler acceleration than cars; T = 1.5 s and a = 0.7 m/s² are our urban-scale choice (an
// assumption, not a table value). Heavy vehicles brake less hard in emergencies:
// UNECE R13 requires ≥ 5 m/s² for N3 trucks, typical loaded values are 6–7 m/s².
VehicleType truck_defaults() {
  VehicleType t;
  t.vehicle_class = VehicleClass::kTruck;
  t.road_class = RoadClass::kTruck;
  t.length = 12.0;
  t.max_decel = 7.0;
  t.idm = {.desired_speed = 12.5,  // 45 km/h, below cars
           .time_headway = 1.5,
           .max_acceleration = 0.7,
           .comfortable_decel = 1.5,
           .min_gap = 2.0,
           .exponent = 4.0};
  t.mobil = {.politeness = 0.2, .threshold = 0.1, .safe_decel = 4.0, .right_bias = 0.0};  // [KTH]
  return t;
}

// City buses (12 m solo bus). Standing passengers limit comfortable acceleration and braking to
// about 1.0–1.5 m/s²; buses drive at the speed limit, so v0 is the urban 50 km/h. A bus changes
// lanes only when clearly worthwhile (higher threshold) and is more polite: an assumption, not from
// [KTH].
VehicleType bus_defaults() {
  VehicleType t;
  t.vehicle_class = VehicleClass::kBus;
  t.road_class = RoadClass::kBus;
  t.length = 12.0;
  t.max_decel = 7.0;  // as trucks (UNECE R13, M3)
  t.idm = {.desired_speed = 13.9,
           .time_headway = 1.5,
           .max_acceleration = 1.0,
           .comfortable_decel = 1.2,
           .min_gap = 2.0,
           .exponent = 4.0};
  t.mobil = {.politeness = 0.5, .threshold = 0.3, .safe_decel = 4.0, .right_bias = 0.0};
  return t;
}

// Small automated shuttles (6 m class, e.g. Navya Arma / EasyMile EZ10 deployments): operated at
// ≈ 20–30 km/h with gentle, passenger-friendly acceleration. Conservative automation: a larger
// standstill gap and a lower b_safe, so it only merges into gaps that need little braking from
// others.
VehicleType shuttle_defaults() {
  VehicleType t;
  t.vehicle_class = VehicleClass::kShuttle;
  // Public transport: shuttle services run in bus lanes where they exist (SUMO has no shuttle
  // class; its bus class is what such lanes allow).
  t.road_class = RoadClass::kBus;
  t.length = 6.0;
  t.max_decel = 5.0;              // emergency stops are capped to protect standing passengers
  t.idm = {.desired_speed = 8.0,  // ≈ 29 km/h
           .time_headway = 1.5,
           .max_acceleration = 0.6,
           .comfortable_decel = 1.0,
           .min_gap = 2.5,
           .exponent = 4.0};
  t.mobil = {.politeness = 0.5, .threshold = 0.2, .safe_decel = 2.0, .right_bias = 0.0};
  return t;
}

}  // namespace

VehicleType default_vehicle_type(VehicleClass c) {
  switch (c) {
    case VehicleClass::kCar:
      return car_defaults();
    case VehicleClass::kBus:
      return bus_defaults();
    case VehicleClass::kTruck:
      return truck_defaults();
    case VehicleClass::kShuttle:
      return shuttle_defaults();
  }
  return car_defaults();  // unreachable for valid enumerators
}

}  // namespace citytwin
