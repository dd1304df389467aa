// CityFlow flow.json -> citytwin demand (TripSpecs and VehicleTypeSpecs).
//
// Departure times follow CityFlow's Flow::nextStep (github.com/cityflow-project/CityFlow,
// src/flow/flow.cpp): `nowTime` starts at `interval`, so the first vehicle leaves at the first
// step at or after startTime; one more leaves each time another `interval` has accumulated; and
// the flow stops once `currentTime > endTime`, so endTime itself is INCLUSIVE. The vehicles are
// therefore startTime + k * interval for k = 0, 1, ... while <= endTime. CityFlow emits them at
// its step boundaries (rounding each time up to a multiple of the step); citytwin keeps the exact
// times. Engine::loadFlow (src/engine/engine.cpp) reads startTime and endTime as ints with
// defaults 0 and -1 (-1 = until the simulation ends) and interval as a required double; such
// flows here run until the scenario's duration (the caller's `until`).
//
// Routes: Engine::loadFlow keeps the listed roads as anchor points and Router::updateShortestPath
// (src/vehicle/router.cpp) joins consecutive anchors by a shortest path, skipping repeated
// anchors; a route that stays on one road is invalid there and the flow makes no vehicles. Here
// the roads must follow each other directly (a roadLink between every consecutive pair), as in
// the published datasets; entries that do not are skipped and reported, never guessed.
//
// Vehicle parameters -> VehicleTypeSpec (citytwin's IDM car-following; base class "car"):
//   CityFlow      citytwin                  note
//   length        length                    m
//   maxSpeed      max_speed                 m/s, IDM v0
//   usualPosAcc   acceleration              m/s², IDM a
//   usualNegAcc   deceleration              m/s², IDM b, at most 1.5 (capacity_calibration.hpp)
//   maxNegAcc     emergency_deceleration    m/s²
//   minGap        min_gap                   m, IDM s0
//   headwayTime   headway                   s, IDM T calibrated for queue discharge (below)
//   maxPosAcc     -                         unused: IDM never accelerates beyond a
//   width         -                         unused: vehicles are one lane wide
//   (lane use)    keeps_route_lanes         true: CityFlow's vehicles stay in their route's lanes
// Identical parameter sets share one type, named cityflow_1, cityflow_2, ...
//
// IDM T is not headwayTime itself: with T = headwayTime a citytwin queue discharges far more slowly
// than CityFlow's (3.2 vs 2.44 s/veh for the datasets' headwayTime 2 s), because IDM keeps larger
// gaps than CityFlow's headway rule. T is instead the value whose IDM queue discharge equals
// CityFlow's, max(length/maxSpeed + headwayTime, 2.125 s) (sim/io/capacity_calibration.hpp): the
// datasets' headwayTime 2 s becomes T ≈ 1.3 s (with b = 1.5 m/s²). The report names every mapping
// made.
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "sim/io/capacity_calibration.hpp"
#include "sim/io/importers.hpp"
#include "sim/io/json_reader.hpp"

namespace citytwin {
namespace {

using json_input::JsonValue;

std::string count_with_examples(std::size_t count, const std::string& what,
                                const std::vector<std::string>& ids) {
  std::string line = std::to_string(count) + " " + what;
  for (std::size_t i = 0; i < ids.size() && i < 5; ++i) line += (i == 0 ? ": " : ", ") + ids[i];
  if (ids.size() > 5) line += ", ...";
  return line;
}

// Pairs (from link, to link) joined by at least one connection.
std::unordered_set<std::uint64_t> connected_links(const Network& network) {
  std::unordered_set<std::uint64_t> pairs;
  for (const Connection& c : network.connections()) {
    const std::uint64_t from = network.lane(c.from_lane).link;
    const std::uint64_t to = network.lane(c.to_lane).link;
    pairs.insert(from << 32 | to);
  }
  return pairs;
}

// IDM T by (length, minGap, usualPosAcc, usualNegAcc, maxSpeed, headwayTime): the datasets repeat
// one parameter set over thousands of flows, and each calibration runs ~30 small simulations.
using TimeHeadwayCache = std::map<std::array<double, 6>, double>;

// `mapping` receives the headwayTime -> IDM T line for the report.
VehicleTypeSpec read_vehicle(const JsonValue& value, TimeHeadwayCache& calibrated,
                             std::string& mapping) {
  value.require_object("vehicle parameters (an object)");
  VehicleTypeSpec type;
  type.length = value.member("length").positive("a vehicle length in m (> 0)");
  value.member("width").positive("a vehicle width in m (> 0)");  // required by CityFlow, unused
  value.member("maxPosAcc").positive("an acceleration in m/s² (> 0)");  // unused, see above
  type.acceleration = value.member("usualPosAcc").positive("an acceleration in m/s² (> 0)");
  type.deceleration =
      std::min(kImportedComfortableDecel,
               value.member("usualNegAcc").positive("a deceleration in m/s² (> 0)"));
  type.emergency_deceleration = value.member("maxNegAcc").positive("a deceleration in m/s² (> 0)");
  type.min_gap = value.member("minGap").non_negative("a gap in m (>= 0)");
  type.max_speed = value.member("maxSpeed").positive("a speed in m/s (> 0)");
  const double headway_time =
      value.member("headwayTime").non_negative("a headway time in s (>= 0)");
  const double target = cityflow_discharge_headway(*type.length, *type.max_speed, headway_time);
  const std::array<double, 6> key = {*type.length,       *type.min_gap,   *type.acceleration,
                                     *type.deceleration, *type.max_speed, headway_time};
  auto it = calibrated.find(key);
  if (it == calibrated.end()) {
    const double t = idm_time_headway_for_discharge({.length = *type.length,
                                                     .min_gap = *type.min_gap,
                                                     .acceleration = *type.acceleration,
                                                     .deceleration = *type.deceleration,
                                                     .desired_speed = *type.max_speed},
                                                    target);
    it = calibrated.emplace(key, t).first;
  }
  type.headway = it->second;
  // CityFlow's vehicles change lanes only toward lanes of their route: citytwin's would pass a
  // standing through queue in a turn lane and then hold that lane (Hangzhou: turners 700-870 s
  // a trip against CityFlow's 180-390 s).
  type.keeps_route_lanes = true;
  mapping = "headwayTime " + json_input::format_number(headway_time) + " s -> IDM T " +
            json_input::format_number(std::round(*type.headway * 100.0) / 100.0) +
            " s (queue discharge " + json_input::format_number(std::round(target * 100.0) / 100.0) +
            " s/veh, as CityFlow's)";
  return type;
}

bool same_parameters(const VehicleTypeSpec& a, const VehicleTypeSpec& b) {
  return a.base == b.base && a.length == b.length && a.max_speed == b.max_speed &&
         a.acceleration == b.acceleration && a.deceleration == b.deceleration &&
         a.emergency_deceleration == b.emergency_deceleration && a.min_gap == b.min_gap &&
         a.headway == b.headway && a.keeps_route_lanes == b.keeps_route_lanes;
}

// The name of the cityflow_N type with these parameters in `types`, adding it when it is new. Types
// from an earlier flow file are reused, and new names skip the ones taken.
std::string vehicle_type_name(VehicleTypeSpec type, std::vector<VehicleTypeSpec>& types) {
  for (const VehicleTypeSpec& existing : types) {
    if (existing.name.starts_with("cityflow_") && same_parameters(existing, type)) {
      return existing.name;
    }
  }
  for (std::size_t n = 1;; ++n) {
    const std::string name = "cityflow_" + std::to_string(n);
    bool taken = false;
    for (const VehicleTypeSpec& existing : types) taken |= existing.name == name;
    if (!taken) {
      type.name = name;
      types.push_back(std::move(type));
      return name;
    }
  }
}

// startTime / endTime: CityFlow reads ints and silently falls back to its default for anything
// else; here any finite number is taken as given, and fractional ones are counted for the report.
double read_time(const JsonValue& value, std::size_t& fractional) {
  const double t = value.non_negative("a time in s (>= 0)");
  if (!value.raw().is_number_integer()) ++fractional;
  return t;
}

}  // namespace

void import_cityflow_flow(const std::filesystem::path& file, const Network& network,
                          DemandSpec& demand, ImportReport& report, double until) {
  if (!std::isfinite(until) || until < 0.0) {
    throw ImportError(file.string() + ": error: the simulation duration " +
                      json_input::format_number(until) +
                      " s cannot end flows with endTime -1; expected a finite time >= 0");
  }
  const nlohmann::json document = json_input::parse_file(file);
  const JsonValue root(file, document);
  const std::size_t entries = root.require_array("a CityFlow flow file (an array of flows)");
  const std::unordered_set<std::uint64_t> connected = connected_links(network);

  // Built aside and moved into `demand` at the end, so that a refused file changes nothing.
  std::vector<TripSpec> trips;
  std::vector<VehicleTypeSpec> types = demand.vehicle_types;
  std::vector<std::string> unconnected;  // entries skipped, as "/i (a -> b)"
  std::vector<std::string> single_road;
  std::size_t unconnected_vehicles = 0;
  std::size_t single_road_vehicles = 0;
  std::size_t fractional_times = 0;
  std::size_t endless_flows = 0;      // endTime -1 or absent: until the simulation ends
  std::vector<std::string> mappings;  // headwayTime -> IDM T, for the report
  TimeHeadwayCache calibrated;
  std::size_t vehicles = demand.trips.size();  // the limit counts every trip held in `demand`
  for (std::size_t i = 0; i < entries; ++i) {
    const JsonValue entry = root[i];
    entry.require_object("a flow (an object with vehicle, route, interval, startTime, endTime)");
    std::string mapping;
    const VehicleTypeSpec type = read_vehicle(entry.member("vehicle"), calibrated, mapping);
    if (std::find(mappings.begin(), mappings.end(), mapping) == mappings.end()) {
      mappings.push_back(mapping);
    }

    const JsonValue route_value = entry.member("route");
    const std::size_t route_size = route_value.require_array("an array of road ids");
    if (route_size == 0) route_value.expected("a route of at least one road");
    std::vector<LinkId> route;
    for (std::size_t k = 0; k < route_size; ++k) {
      const JsonValue road = route_value[k];
      const std::string id = road.string("a string naming a road");
      const LinkId link = network.find_link(id);
      if (link == kNoId) road.fail("unknown road \"" + id + "\"");
      if (route.empty() || route.back() != link) route.push_back(link);  // as CityFlow's router
    }

    const double interval = entry.member("interval").positive("an interval in s (> 0)");
    const auto start_value = entry.find("startTime");
    const double start = start_value ? read_time(*start_value, fractional_times) : 0.0;
    const auto end_value = entry.find("endTime");
    // CityFlow's default endTime is -1: the flow runs until the simulation ends. Its generator
    // writes -1 for every flow, so this is the common case in files made for CityFlow.
    const bool endless =
        !end_value || (end_value->raw().is_number() && end_value->raw().get<double>() == -1.0);
    double end = until;
    double span = 0.0;  // departures after the first
    if (endless) {
      ++endless_flows;
      // Departures strictly before `until`: the run stops there, so one at `until` never leaves.
      // A flow starting at or after the end makes none (span -1: count 0 below).
      span = start < until ? std::ceil((until - start) / interval - 1e-9) - 1.0 : -1.0;
    } else {
      end = read_time(*end_value, fractional_times);
      if (end < start) {
        end_value->expected("an endTime >= startTime (" + json_input::format_number(start) + " s)");
      }
      // Vehicles at start + k * interval, k = 0..count-1, endTime inclusive. The small tolerance
      // keeps a departure that lands on endTime despite rounding in (end - start) / interval.
      span = std::floor((end - start) / interval + 1e-9);
    }
    if (!(static_cast<double>(vehicles) + span + 1.0 <= static_cast<double>(kMaxImportElements))) {
      entry.fail("interval " + json_input::format_number(interval) + " s from startTime " +
                 json_input::format_number(start) +
                 (endless ? " s to the end " : " s to endTime ") + json_input::format_number(end) +
                 " s gives " + json_input::format_number(span + 1) +
                 " vehicles, more than the import limit of " + std::to_string(kMaxImportElements) +
                 " in all");
    }
    const auto count = static_cast<std::size_t>(span + 1.0);

    if (route.size() < 2) {
      single_road.push_back(entry.pointer());
      single_road_vehicles += count;
      continue;
    }
    bool joined = true;
    for (std::size_t k = 0; k + 1 < route.size() && joined; ++k) {
      if (!connected.contains(std::uint64_t{route[k]} << 32 | route[k + 1])) {
        joined = false;
        unconnected.push_back(entry.pointer() + " (" + network.link(route[k]).name + " -> " +
                              network.link(route[k + 1]).name + ")");
      }
    }
    if (!joined) {
      unconnected_vehicles += count;
      continue;
    }

    TripSpec trip;
    trip.from = network.link(route.front()).name;
    trip.to = network.link(route.back()).name;
    for (std::size_t k = 1; k + 1 < route.size(); ++k)
      trip.via.push_back(network.link(route[k]).name);
    trip.vehicle_type = vehicle_type_name(type, types);
    for (std::size_t k = 0; k < count; ++k) {
      trip.depart = start + static_cast<double>(k) * interval;
      trips.push_back(trip);
    }
    vehicles += count;
  }

  demand.vehicle_types = std::move(types);
  demand.trips.insert(demand.trips.end(), trips.begin(), trips.end());
  report.vehicles += trips.size();
  if (!unconnected.empty()) {
    report.skipped.push_back(count_with_examples(
        unconnected.size(),
        "flows (" + std::to_string(unconnected_vehicles) +
            " vehicles) skipped: consecutive route roads with no roadLink between them (CityFlow "
            "would search a shortest path)",
        unconnected));
  }
  if (!single_road.empty()) {
    report.skipped.push_back(count_with_examples(
        single_road.size(),
        "flows (" + std::to_string(single_road_vehicles) +
            " vehicles) skipped: route of a single road (CityFlow makes no vehicles for them)",
        single_road));
  }
  if (endless_flows > 0) {
    report.approximated.push_back(
        std::to_string(endless_flows) +
        " flows with endTime -1 or none (CityFlow: until the simulation ends) run until the "
        "scenario's duration, " +
        json_input::format_number(until) + " s (departures before it)");
  }
  if (fractional_times > 0) {
    report.approximated.push_back(
        std::to_string(fractional_times) +
        " startTime/endTime values are not integers: CityFlow would ignore them and use its "
        "defaults (0, -1); citytwin uses them as given");
  }
  if (entries > 0) {
    report.approximated.push_back(
        "departures at exactly startTime + k * interval (CityFlow rounds each up to its step); "
        "vehicle maxPosAcc and width unused, the other parameters drive citytwin's IDM, and "
        "its lane changes keep to the route's lanes as CityFlow's do; " +
        count_with_examples(mappings.size(), "headwayTime mappings", mappings));
  }
}

}  // namespace citytwin
